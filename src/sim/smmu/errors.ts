/** CMDQ_CONS.ERR codes (SPEC 7.1) and GERROR bits (SPEC 6.3.19). */
export const CERROR = {
  CERROR_NONE: 0,
  CERROR_ILL: 1,
  CERROR_ABT: 2,
  CERROR_ATC_INV_SYNC: 3,
} as const;

export type CerrorName = keyof typeof CERROR;

export function cerrorName(code: number): CerrorName | undefined {
  return (Object.keys(CERROR) as CerrorName[]).find((k) => CERROR[k] === code);
}

export function isCerrorName(s: string): s is CerrorName {
  return Object.prototype.hasOwnProperty.call(CERROR, s);
}

/** GERROR bit 0: command queue error. */
export const GERROR_CMDQ_ERR = 1 << 0;
