/**
 * The iommufd ops by command number, each with its struct and last mandatory member as the
 * kernel's table gives them (iommufd_ioctl_ops, drivers/iommu/iommufd/main.c), and the first
 * kernel level that has it (the table has no entry on older ones: ENOTTY).
 */
import {
  IOMMU_DESTROY,
  IOMMU_FAULT_QUEUE_ALLOC,
  IOMMU_GET_HW_INFO,
  IOMMU_HW_QUEUE_ALLOC,
  IOMMU_HWPT_ALLOC,
  IOMMU_HWPT_GET_DIRTY_BITMAP,
  IOMMU_HWPT_INVALIDATE,
  IOMMU_HWPT_SET_DIRTY_TRACKING,
  IOMMU_IOAS_ALLOC,
  IOMMU_IOAS_ALLOW_IOVAS,
  IOMMU_IOAS_CHANGE_PROCESS,
  IOMMU_IOAS_COPY,
  IOMMU_IOAS_IOVA_RANGES,
  IOMMU_IOAS_MAP,
  IOMMU_IOAS_MAP_FILE,
  IOMMU_IOAS_UNMAP,
  IOMMU_OPTION,
  IOMMU_VDEVICE_ALLOC,
  IOMMU_VEVENTQ_ALLOC,
  IOMMU_VFIO_IOAS,
  IOMMU_VIOMMU_ALLOC,
  iommu_destroy,
  iommu_fault_alloc,
  iommu_hw_info,
  iommu_hw_queue_alloc,
  iommu_hwpt_alloc,
  iommu_hwpt_get_dirty_bitmap,
  iommu_hwpt_invalidate,
  iommu_hwpt_set_dirty_tracking,
  iommu_ioas_alloc,
  iommu_ioas_allow_iovas,
  iommu_ioas_change_process,
  iommu_ioas_copy,
  iommu_ioas_iova_ranges,
  iommu_ioas_map,
  iommu_ioas_map_file,
  iommu_ioas_unmap,
  iommu_option,
  iommu_vdevice_alloc,
  iommu_veventq_alloc,
  iommu_vfio_ioas,
  iommu_viommu_alloc,
  iommufd_cmd as C,
} from "../../../out/ts/iommufd.js";
import { IOMMU_TEST_CMD, IOMMU_TEST_CMD_NR, iommu_test_cmd } from "../../../out/ts/iommufd_test.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Ioctl } from "../../runtime/ioctl.js";
import { faultAlloc, veventqAlloc } from "./eventq.js";
import { getHwInfo } from "./hw-info.js";
import { hwptAlloc } from "./hwpt-alloc.js";
import { getDirtyBitmap, hwptInvalidate, setDirtyTracking } from "./hwpt-ops.js";
import * as ioas from "./ioas.js";
import type { KernelLevel } from "./kernel.js";
import { testCmd } from "./mock/test-cmd.js";
import type { OpResult, Ucmd } from "./ucmd.js";
import { hwQueueAlloc, vdeviceAlloc, viommuAlloc } from "./viommu.js";

export interface IoctlOp {
  readonly ioctl: Ioctl;
  readonly codec: StructCodec<unknown>;
  readonly minLast: string;
  readonly since: KernelLevel;
  readonly execute: (u: Ucmd<unknown>) => OpResult;
}

function op<T>(
  ioctl: Ioctl,
  codec: StructCodec<T>,
  minLast: string,
  execute: (u: Ucmd<T>) => OpResult,
  since: KernelLevel = "v6.8",
): IoctlOp {
  return {
    ioctl,
    codec: codec as StructCodec<unknown>,
    minLast,
    since,
    execute: execute as IoctlOp["execute"],
  };
}

export const IOMMUFD_OPS: ReadonlyMap<number, IoctlOp> = new Map([
  [
    C.IOMMUFD_CMD_DESTROY,
    op(IOMMU_DESTROY, iommu_destroy, "id", (u) => u.k.objects.destroy(u.cmd.id)),
  ],
  [C.IOMMUFD_CMD_IOAS_ALLOC, op(IOMMU_IOAS_ALLOC, iommu_ioas_alloc, "out_ioas_id", ioas.ioasAlloc)],
  [
    C.IOMMUFD_CMD_IOAS_ALLOW_IOVAS,
    op(IOMMU_IOAS_ALLOW_IOVAS, iommu_ioas_allow_iovas, "allowed_iovas", ioas.ioasAllowIovas),
  ],
  [C.IOMMUFD_CMD_IOAS_COPY, op(IOMMU_IOAS_COPY, iommu_ioas_copy, "src_iova", ioas.ioasCopy)],
  [
    C.IOMMUFD_CMD_IOAS_IOVA_RANGES,
    op(IOMMU_IOAS_IOVA_RANGES, iommu_ioas_iova_ranges, "out_iova_alignment", ioas.ioasIovaRanges),
  ],
  [C.IOMMUFD_CMD_IOAS_MAP, op(IOMMU_IOAS_MAP, iommu_ioas_map, "iova", ioas.ioasMap)],
  [C.IOMMUFD_CMD_IOAS_UNMAP, op(IOMMU_IOAS_UNMAP, iommu_ioas_unmap, "length", ioas.ioasUnmap)],
  [C.IOMMUFD_CMD_OPTION, op(IOMMU_OPTION, iommu_option, "val64", ioas.option)],
  [C.IOMMUFD_CMD_VFIO_IOAS, op(IOMMU_VFIO_IOAS, iommu_vfio_ioas, "__reserved", ioas.vfioIoas)],
  [C.IOMMUFD_CMD_HWPT_ALLOC, op(IOMMU_HWPT_ALLOC, iommu_hwpt_alloc, "__reserved", hwptAlloc)],
  [C.IOMMUFD_CMD_GET_HW_INFO, op(IOMMU_GET_HW_INFO, iommu_hw_info, "__reserved", getHwInfo)],
  [
    C.IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING,
    op(
      IOMMU_HWPT_SET_DIRTY_TRACKING,
      iommu_hwpt_set_dirty_tracking,
      "__reserved",
      setDirtyTracking,
    ),
  ],
  [
    C.IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP,
    op(IOMMU_HWPT_GET_DIRTY_BITMAP, iommu_hwpt_get_dirty_bitmap, "data", getDirtyBitmap),
  ],
  [
    C.IOMMUFD_CMD_HWPT_INVALIDATE,
    op(IOMMU_HWPT_INVALIDATE, iommu_hwpt_invalidate, "__reserved", hwptInvalidate),
  ],
  [
    C.IOMMUFD_CMD_FAULT_QUEUE_ALLOC,
    op(IOMMU_FAULT_QUEUE_ALLOC, iommu_fault_alloc, "out_fault_fd", faultAlloc, "v6.13"),
  ],
  [
    C.IOMMUFD_CMD_IOAS_MAP_FILE,
    op(IOMMU_IOAS_MAP_FILE, iommu_ioas_map_file, "iova", ioas.ioasMapFile, "v6.13"),
  ],
  [
    C.IOMMUFD_CMD_VIOMMU_ALLOC,
    op(IOMMU_VIOMMU_ALLOC, iommu_viommu_alloc, "out_viommu_id", viommuAlloc, "v6.13"),
  ],
  [
    C.IOMMUFD_CMD_VDEVICE_ALLOC,
    op(IOMMU_VDEVICE_ALLOC, iommu_vdevice_alloc, "virt_id", vdeviceAlloc, "v6.13"),
  ],
  [
    C.IOMMUFD_CMD_IOAS_CHANGE_PROCESS,
    op(
      IOMMU_IOAS_CHANGE_PROCESS,
      iommu_ioas_change_process,
      "__reserved",
      ioas.ioasChangeProcess,
      "latest",
    ),
  ],
  [
    C.IOMMUFD_CMD_VEVENTQ_ALLOC,
    op(IOMMU_VEVENTQ_ALLOC, iommu_veventq_alloc, "out_veventq_fd", veventqAlloc, "latest"),
  ],
  [
    C.IOMMUFD_CMD_HW_QUEUE_ALLOC,
    op(IOMMU_HW_QUEUE_ALLOC, iommu_hw_queue_alloc, "length", hwQueueAlloc, "latest"),
  ],
  [IOMMU_TEST_CMD_NR, op(IOMMU_TEST_CMD, iommu_test_cmd, "last", testCmd)],
]);

/** The ops a scenario file may name: the scenario format models these two (docs/sim.md). */
export const SCENARIO_OPS: ReadonlyMap<number, IoctlOp> = new Map(
  [C.IOMMUFD_CMD_DESTROY, C.IOMMUFD_CMD_HWPT_INVALIDATE].map((nr) => [nr, IOMMUFD_OPS.get(nr)!]),
);
