/**
 * A fresh simulated system per scenario: the kernel at the scenario's level with its SMMU,
 * the objects created in order (IDs from 1, as iommufd hands them out), and one VMM virtual
 * SMMU per vIOMMU the steps drive.
 */
import { IOMMU_DESTROY, iommu_destroy } from "../../../out/ts/iommufd.js";
import type { Errno } from "../errno.js";
import {
  createDevice,
  createHwptNested,
  createHwptPaging,
  createIoas,
  createVdevice,
  createViommu,
  isRefusal,
  type Created,
} from "../kernel/create.js";
import { iommufdIoctl } from "../kernel/dispatcher.js";
import { Kernel } from "../kernel/kernel.js";
import type { Device, HwptPaging, Ioas, KernelObject, Viommu } from "../kernel/objects.js";
import { VirtualSmmu } from "../vmm/vmm.js";
import { ScenarioFormatError } from "./format-error.js";
import { TRACE_PROBES } from "./probes.js";
import type { ObjectKindName, ObjectSpec, Ref, Scenario } from "./types.js";

type Builder<K extends ObjectKindName> = (
  sys: ScenarioSystem,
  spec: Extract<ObjectSpec, { kind: K }>,
) => Created<KernelObject>;

const BUILDERS: { readonly [K in ObjectKindName]: Builder<K> } = {
  ioas: (sys) => createIoas(sys.k),
  mock_device: (sys, s) => createDevice(sys.k, "mock", { cacheDefault: s.cacheDefault }),
  smmu_device: (sys, s) => createDevice(sys.k, "smmu", { sid: s.sid, ats: s.ats }),
  vtd_device: (sys) => createDevice(sys.k, "vtd", {}),
  hwpt_paging: (sys, s) =>
    createHwptPaging(sys.k, sys.get<Ioas>(s.ioas), sys.get<Device>(s.dev), s.nestParent),
  hwpt_nested: (sys, s) =>
    createHwptNested(
      sys.k,
      sys.get<HwptPaging | Viommu>(s.parent),
      sys.get<Device>(s.dev),
      s.dataType,
      s.data,
    ),
  viommu: (sys, s) =>
    createViommu(
      sys.k,
      s.type,
      sys.get<HwptPaging>(s.hwpt),
      sys.get<Device>(s.dev),
      s.vmid,
      s.invalidateOp,
    ),
  vdevice: (sys, s) =>
    createVdevice(sys.k, sys.get<Viommu>(s.viommu), sys.get<Device>(s.dev), s.virtId),
};

export class ScenarioSystem {
  readonly k: Kernel;
  private readonly byName = new Map<string, KernelObject>();
  private readonly vmms = new Map<string, VirtualSmmu>();

  constructor(readonly scenario: Scenario) {
    this.k = new Kernel(scenario.abi, scenario.kernel, scenario.smmu);
    // Trace only when a step's expectations read the trace: otherwise nobody looks at it.
    this.k.smmu.tracing = scenario.steps.some((s) =>
      Object.keys(s.expect.state ?? {}).some((probe) => TRACE_PROBES.has(probe)),
    );
    scenario.objects.forEach((spec, i) => {
      const built = (BUILDERS[spec.kind] as Builder<ObjectKindName>)(this, spec);
      if (isRefusal(built)) {
        throw new ScenarioFormatError(
          `${scenario.file}: scenario "${scenario.name}": object ${i}: key "kind": the kernel refused to create ${spec.kind} "${spec.name}": ${built.refused}`,
        );
      }
      this.byName.set(spec.name, built);
    });
  }

  get<T extends KernelObject>(name: string): T {
    return this.byName.get(name) as T;
  }

  /** A named object's ID (even once destroyed: the ID then names nothing), or the raw number. */
  id(ref: Ref): number {
    return typeof ref === "number" ? ref : this.byName.get(ref)!.id;
  }

  vmm(viommu: string): VirtualSmmu {
    let v = this.vmms.get(viommu);
    if (!v)
      this.vmms.set(
        viommu,
        (v = new VirtualSmmu(this.k, this.get<Viommu>(viommu), this.scenario.vmm)),
      );
    return v;
  }

  existingVmm(viommu: string): VirtualSmmu | undefined {
    return this.vmms.get(viommu);
  }

  /** How many records each VMM has, so a step's probes see only its own. */
  vmmMarks(): Map<string, { forwarded: number; handled: number }> {
    return new Map(
      [...this.vmms].map(([n, v]) => [
        n,
        { forwarded: v.forwarded.length, handled: v.handled.length },
      ]),
    );
  }

  /** IOMMU_DESTROY through the dispatcher. */
  destroy(ref: Ref): Errno {
    const abi = this.k.abi;
    const arg = this.k.mem.map(
      iommu_destroy.encode({ size: iommu_destroy.size(abi), id: this.id(ref) }, abi),
    );
    return iommufdIoctl(this.k, IOMMU_DESTROY.number(abi), arg);
  }
}
