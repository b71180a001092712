import { describe, expect, it } from "vitest";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { caseSystem } from "../../src/sim/variants/cases.js";
import { VirtualSmmu } from "../../src/sim/vmm/vmm.js";

const enc = (name: string, f: Record<string, number | bigint> = {}) => smmuv3_cmd.encode(name, f);

describe("the VMM's virtual SMMUv3", () => {
  it("refuses writes past a full ring and wraps CONS with the wrap bit", () => {
    const { k, viommu } = caseSystem();
    const vmm = new VirtualSmmu(k, viommu, { log2size: 1 });
    expect(vmm.guestWrite([enc("TLBI_NH_ALL"), enc("CMD_SYNC")])).toBe(true);
    expect(vmm.consRd).toBe(2); // index 0, wrap 1
    expect(vmm.guestWrite([enc("TLBI_NH_ALL")])).toBe(true);
    expect(vmm.consRd).toBe(3);
    expect(vmm.forwarded.map((f) => f.entries)).toEqual([1, 1]);
  });

  it("stops on an error: a full ring while CMDQ_ERR is active refuses more commands", () => {
    const { k, viommu } = caseSystem();
    const vmm = new VirtualSmmu(k, viommu, { log2size: 1 });
    expect(vmm.guestWrite([[0x99n, 0n]])).toBe(true);
    expect(vmm.cmdqErrActive).toBe(true);
    expect(vmm.guestWrite([enc("TLBI_NH_ALL")])).toBe(true);
    expect(vmm.guestWrite([enc("TLBI_NH_ALL")])).toBe(false);
    vmm.guestAcknowledge(true);
    expect(vmm.cmdqErrActive).toBe(false);
    expect(vmm.consRd).toBe(2);
  });

  it("maps errnos through errno_map, anything unmapped to CERROR_ILL", () => {
    const { k, viommu } = caseSystem();
    const vmm = new VirtualSmmu(k, viommu, { errnoMap: { EIO: "CERROR_ABT" } });
    vmm.guestWrite([enc("CFGI_CD", { SID: 0x77 })]);
    expect(vmm.consErrName).toBe("CERROR_ABT");
    const other = caseSystem();
    other.k.alloc.failNextAllocation();
    const vmm2 = new VirtualSmmu(other.k, other.viommu, { errnoMap: {} });
    vmm2.guestWrite([enc("TLBI_NH_ALL")]);
    expect(vmm2.forwarded).toEqual([{ entries: 1, errno: "ENOMEM", entry_num: 1 }]);
    expect(vmm2.consErrName).toBe("CERROR_ILL");
  });

  it("forwards a TLBI with the guest VMID replaced by the vSMMU's", () => {
    const { k, viommu } = caseSystem();
    k.smmu.tracing = true;
    const vmm = new VirtualSmmu(k, viommu, { batching: false });
    vmm.guestWrite([enc("TLBI_NH_ASID", { ASID: 5, VMID: 77 })]);
    expect(
      k.smmu.trace.some(
        (e) =>
          e.event === "cmdq_exec" && e.words[0] === enc("TLBI_NH_ASID", { ASID: 5, VMID: 1 })[0],
      ),
    ).toBe(true);
  });
});
