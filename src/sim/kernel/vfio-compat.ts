/**
 * The VFIO container ioctls iommufd answers on its own file (iommufd_vfio_ioctl,
 * vfio_compat.c), for request numbers outside its own table: the API version and the
 * extension query are modelled; the container's IOMMU, info, map and unmap are not. Anything
 * else is ENOTTY (-ENOIOCTLCMD). The numbers are VFIO's: _IO(';', 100 + n).
 */
import { encodeIoctl, IOCTL_FAMILIES } from "../../abi/ioctl-families.js";
import type { CallResult } from "./file.js";
import type { AnyKernel } from "./kernel.js";

const VFIO_TYPE = 0x3b;
const VFIO_BASE = 100;
/** VFIO_API_VERSION. */
const API_VERSION = 0;

/** Extensions the compat layer reports (VFIO_TYPE1_IOMMU, VFIO_TYPE1v2_IOMMU, VFIO_UNMAP_ALL). */
const SUPPORTED = new Set([1, 3, 9]);
/** VFIO_DMA_CC_IOMMU: depends on the compat IOAS's domains. */
const DMA_CC = 4;

type Handler = (k: AnyKernel, arg: bigint) => CallResult;

const HANDLERS: readonly [number, Handler][] = [
  [0, () => ({ errno: "OK", ret: API_VERSION })], // VFIO_GET_API_VERSION
  [
    1, // VFIO_CHECK_EXTENSION
    (k, arg) =>
      arg === BigInt(DMA_CC)
        ? { errno: k.notModelled("VFIO_CHECK_EXTENSION(VFIO_DMA_CC_IOMMU)") }
        : { errno: "OK", ret: SUPPORTED.has(Number(arg)) ? 1 : 0 },
  ],
  [2, (k) => ({ errno: k.notModelled("VFIO_SET_IOMMU (the VFIO compatibility IOAS)") })],
  [12, (k) => ({ errno: k.notModelled("VFIO_IOMMU_GET_INFO") })],
  [13, (k) => ({ errno: k.notModelled("VFIO_IOMMU_MAP_DMA") })],
  [14, (k) => ({ errno: k.notModelled("VFIO_IOMMU_UNMAP_DMA") })],
];

export function vfioCompatIoctl(k: AnyKernel, number: number, arg: bigint): CallResult {
  const family = IOCTL_FAMILIES[k.abi.ioctl];
  for (const [n, handler] of HANDLERS)
    if (encodeIoctl(family, "none", VFIO_TYPE, VFIO_BASE + n, 0) === number) return handler(k, arg);
  return { errno: "ENOTTY" };
}
