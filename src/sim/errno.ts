/**
 * Errno names the models return. A model never throws for bad input: every path ends in one
 * of these, exactly as the kernel ends every path in a return value.
 */
export const ERRNOS = {
  OK: 0,
  EFAULT: 14,
  EBUSY: 16,
  EINVAL: 22,
  ENOENT: 2,
  ENOMEM: 12,
  ENOTTY: 25,
  EIO: 5,
  E2BIG: 7,
  EOPNOTSUPP: 95,
  ETIMEDOUT: 110,
  EEXIST: 17,
  EPERM: 1,
  ENXIO: 6,
  EBADF: 9,
  ENODEV: 19,
  EMFILE: 24,
  ESPIPE: 29,
  ERANGE: 34,
  ENOSYS: 38,
  EOVERFLOW: 75,
  EMSGSIZE: 90,
} as const;

export type Errno = keyof typeof ERRNOS;

export function isErrno(name: string): name is Errno {
  return Object.prototype.hasOwnProperty.call(ERRNOS, name);
}

export function errnoName(value: number): Errno | undefined {
  return (Object.keys(ERRNOS) as Errno[]).find((k) => ERRNOS[k] === value);
}
