/** A form field's text, trimmed; anything but one string (a repeated field, nothing) reads as empty. */
export const formText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
