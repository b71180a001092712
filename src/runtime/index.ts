/** The runtime that generated TypeScript imports as `uapi-gen/runtime`. */
export { ABIS, ABI_NAMES, findAbi, getAbi, type Abi, type AbiName } from "../abi/abis.js";
export {
  anonUnion,
  array,
  field,
  named,
  scalar,
  type FieldDesc,
  type StructDesc,
  type TypeDesc,
} from "./descriptors.js";
export { defineStruct, StructCodec } from "./codec.js";
export { CodecError } from "./scalar-io.js";
export { defineIoctl, Ioctl, ioctlNumbers } from "./ioctl.js";
export {
  CommandSet,
  defineCommandSet,
  getBits,
  setBits,
  type DecodedCommand,
} from "./command-set.js";
export type { StructLayout, FieldLayout, Hole } from "../layout/layout.js";
