import { describe, expect, it } from 'vitest';
import { defineErrorCatalogue, errorCatalogues, errorCodeEntry, localizedErrorMessage } from './error-catalogue.js';
import './error-codes.js';
import { ConfigError, DwcError, InputError, NotFoundError } from './errors.js';

const catalogue = defineErrorCatalogue('@dwc/test-catalogue', {
  thing_missing: { status: 404, message: 'No thing "{id}" in {place}; list them first.' },
  setting_wrong: { status: 503, message: 'Set THING_URL.', type: ConfigError },
  disk_gone: { status: 507, message: 'The disk left.' },
});

describe('defineErrorCatalogue', () => {
  it('makes an error of the class its status implies, with the code and the filled message', () => {
    const error = catalogue.error('thing_missing', { id: 'a1', place: 'the shelf' }, { details: { id: 'a1' } });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'thing_missing', message: 'No thing "a1" in the shelf; list them first.', details: { id: 'a1' } });
  });

  it('uses the class an entry names, and a plain DwcError for a status no class has', () => {
    expect(catalogue.error('setting_wrong')).toBeInstanceOf(ConfigError);
    const full = catalogue.error('disk_gone');
    expect(full.constructor).toBe(DwcError);
    expect(full.code).toBe('disk_gone');
  });

  it('registers itself so the HTTP layer finds a code\'s status', () => {
    expect(errorCodeEntry('thing_missing')).toMatchObject({ status: 404, scope: '@dwc/test-catalogue' });
    expect(errorCodeEntry('invalid_input')?.status).toBe(400);
    expect(errorCodeEntry('no_such_code_anywhere')).toBeUndefined();
    expect(errorCodeEntry('toString')).toBeUndefined();
    expect(errorCatalogues().map((c) => c.scope)).toContain('@dwc/test-catalogue');
  });

  it('refuses a code that is not snake_case, a status that is not an error and an empty message', () => {
    expect(() => defineErrorCatalogue('@dwc/bad', { 'Not-Snake': { status: 400, message: 'x' } })).toThrow(/snake_case/);
    expect(() => defineErrorCatalogue('@dwc/bad', { fine: { status: 200, message: 'x' } })).toThrow(/400-599/);
    expect(() => defineErrorCatalogue('@dwc/bad', { fine: { status: 400, message: ' ' } })).toThrow(/needs a message/);
  });

  it('types the values a message needs', () => {
    // @ts-expect-error `place` is missing
    catalogue.message('thing_missing', { id: 'a1' });
    // @ts-expect-error no such code
    expect(() => catalogue.message('thing_lost')).toThrow(/no error code "thing_lost"/);
    expect(catalogue.message('disk_gone')).toBe('The disk left.');
  });
});

describe('localizedErrorMessage', () => {
  const spoken = defineErrorCatalogue('@dwc/test-spoken', {
    box_missing: { status: 404, message: 'No box "{id}".', es: 'No hay ninguna caja "{id}".' },
    box_full: { status: 409, message: 'The box is full.' },
  });

  it('answers the Spanish advice filled with the values the catalogue made the error with', () => {
    expect(localizedErrorMessage(spoken.error('box_missing', { id: 'b1' }), 'es')).toBe('No hay ninguna caja "b1".');
    expect(localizedErrorMessage(spoken.error('box_missing', { id: 'b1' }), 'en')).toBe('No box "b1".');
  });

  it('keeps the own message when a placeholder would stay unfilled, the code has no Spanish, or the message is Spanish already', () => {
    expect(localizedErrorMessage(new NotFoundError('No box "b2" on shelf 3.', { code: 'box_missing' }), 'es')).toBe('No box "b2" on shelf 3.');
    expect(localizedErrorMessage(spoken.error('box_full'), 'es')).toBe('The box is full.');
    expect(localizedErrorMessage(new InputError('Petición no válida: nombre', { language: 'es' }), 'es')).toBe('Petición no válida: nombre');
  });

  it('refuses a Spanish text with a placeholder its message lacks', () => {
    expect(() => defineErrorCatalogue('@dwc/test-bad-es', { x_missing: { status: 404, message: 'No x.', es: 'No hay {x}.' } })).toThrow(/only the placeholders of its message/);
  });
});
