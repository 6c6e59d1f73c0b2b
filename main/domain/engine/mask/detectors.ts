import { RE2JS } from 're2js';

/** A built-in detector: where a candidate may be (RE2, linear in the text) and the check that confirms it. */
export interface Detector {
  find: RE2JS;
  confirms(candidate: string): boolean;
}

/** The Luhn check: a digit run that fails it is an order number or a phone number, not a card. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let at = 0; at < digits.length; at++) {
    let digit = digits.charCodeAt(digits.length - 1 - at) - 48;
    if (at % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616: the country and check digits moved to the end, letters as 10..35, the whole number mod 97 is 1. */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of moved) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export const detectors: Record<'card' | 'email' | 'iban', Detector> = {
  card: {
    // 13 to 19 digits, grouped by single spaces or dashes as cards are written.
    find: RE2JS.compile('\\b\\d(?:[ -]?\\d){12,18}\\b'),
    confirms: (candidate) => {
      const digits = candidate.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
    },
  },
  email: {
    find: RE2JS.compile('[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,63}'),
    confirms: () => true,
  },
  iban: {
    find: RE2JS.compile('\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b'),
    confirms: passesIbanCheck,
  },
};
