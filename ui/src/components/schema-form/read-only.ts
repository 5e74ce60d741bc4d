import { createContext, useContext } from 'react';

/**
 * Whether the forms below may only be looked at (a role that may not change what they edit).
 * Native controls are locked by a disabled `<fieldset className="form-lock">`; editors that are not
 * native controls (CodeMirror) read this instead.
 */
export const FormReadOnly = createContext(false);

export const useFormReadOnly = (): boolean => useContext(FormReadOnly);
