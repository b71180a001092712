// A qemu-user binary that exists but cannot run the ABI's static binaries is reported with
// the reason, before any round trip is attempted.
import { describe, expect, it } from "vitest";
import { emulatorProblem } from "../../src/conform/emulator-probe.js";

describe("emulator probe", () => {
  it("accepts an emulator that runs a static hello world", async () => {
    expect(
      await emulatorProblem({ cc: "aarch64-linux-gnu-gcc", args: ["-static"] }, "qemu-aarch64"),
    ).toBeUndefined();
  });

  it("names an emulator that cannot", async () => {
    // qemu-s390x cannot run an aarch64 binary: the same failure as a broken emulator.
    const problem = await emulatorProblem(
      { cc: "aarch64-linux-gnu-gcc", args: ["-static"] },
      "qemu-s390x",
    );
    expect(problem).toMatch(/^qemu-s390x cannot run a static "hello world" here \(/);
  });
});
