throw new Error('must not be imported');
