// What machine a results table was measured on: every figure is only meaningful beside it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
      .split("\n")[0]!
      .trim();
  } catch {
    return "not found";
  }
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

export function describeMachine(): string[] {
  return [
    `CPU: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores available`,
    `memory: ${Math.round(totalmem() / 2 ** 30)} GiB; OS: ${osName()}, Linux ${firstLine("uname", ["-r"])}`,
    `Node.js ${process.version}; ${firstLine("gcc", ["--version"])}; ${firstLine("clang-19", ["--version"])}`,
    `${firstLine("abidiff", ["--version"])}; ${firstLine("qemu-aarch64", ["--version"])}`,
    `uapi-gen commit ${firstLine("git", ["rev-parse", "--short", "HEAD"])}` +
      (firstLine("git", ["status", "--porcelain"]) === "" ? "" : " (with uncommitted changes)"),
  ];
}
