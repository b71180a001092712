/**
 * How the trace shows a struct whose anonymous union holds one payload per operation: only
 * the member its selector names (iommu_test_cmd: the member of its op), instead of every
 * member's reading of the same bytes.
 */
import { iommu_test_op } from "../../../../out/ts/iommufd_test.js";

type Decoded = Record<string, unknown>;

const O = iommu_test_op;

/** IOMMU_TEST_CMD: op → the union member it uses (iommufd_test in selftest.c). */
const TEST_CMD_MEMBER: Readonly<Record<number, string>> = {
  [O.IOMMU_TEST_OP_ADD_RESERVED]: "add_reserved",
  [O.IOMMU_TEST_OP_MOCK_DOMAIN]: "mock_domain",
  [O.IOMMU_TEST_OP_MD_CHECK_MAP]: "check_map",
  [O.IOMMU_TEST_OP_MD_CHECK_REFS]: "check_refs",
  [O.IOMMU_TEST_OP_CREATE_ACCESS]: "create_access",
  [O.IOMMU_TEST_OP_DESTROY_ACCESS_PAGES]: "destroy_access_pages",
  [O.IOMMU_TEST_OP_ACCESS_PAGES]: "access_pages",
  [O.IOMMU_TEST_OP_ACCESS_RW]: "access_rw",
  [O.IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT]: "memory_limit",
  [O.IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE]: "mock_domain_replace",
  [O.IOMMU_TEST_OP_ACCESS_REPLACE_IOAS]: "access_replace_ioas",
  [O.IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS]: "mock_domain_flags",
  [O.IOMMU_TEST_OP_DIRTY]: "dirty",
  [O.IOMMU_TEST_OP_MD_CHECK_IOTLB]: "check_iotlb",
  [O.IOMMU_TEST_OP_TRIGGER_IOPF]: "trigger_iopf",
  [O.IOMMU_TEST_OP_DEV_CHECK_CACHE]: "check_dev_cache",
  [O.IOMMU_TEST_OP_TRIGGER_VEVENT]: "trigger_vevent",
  [O.IOMMU_TEST_OP_PASID_ATTACH]: "pasid_attach",
  [O.IOMMU_TEST_OP_PASID_REPLACE]: "pasid_replace",
  [O.IOMMU_TEST_OP_PASID_DETACH]: "pasid_detach",
  [O.IOMMU_TEST_OP_PASID_CHECK_HWPT]: "pasid_check",
  [O.IOMMU_TEST_OP_DMABUF_GET]: "dmabuf_get",
  [O.IOMMU_TEST_OP_DMABUF_REVOKE]: "dmabuf_revoke",
};
const TEST_CMD_MEMBERS = new Set(Object.values(TEST_CMD_MEMBER));

const VIEWS: Readonly<Record<string, (v: Decoded) => Decoded>> = {
  iommu_test_cmd: (v) => {
    const keep = TEST_CMD_MEMBER[v.op as number];
    return Object.fromEntries(
      Object.entries(v).filter(([k]) => !TEST_CMD_MEMBERS.has(k) || k === keep),
    );
  },
};

/** The struct as the trace shows it. */
export function traceView(struct: string, v: Decoded): Decoded {
  const view = VIEWS[struct];
  return view ? view(v) : v;
}
