/** The runtime that generated TypeScript imports as `uapi-gen/runtime`. */
export { ABIS, ABI_NAMES, findAbi, getAbi, type Abi, type AbiName } from "../abi/abis.js";
export {
  anonUnion,
  array,
  field,
  named,
  scalar,
  type ArrayDesc,
  type FieldDesc,
  type FieldRules,
  type StructDesc,
  type TypeDesc,
  type ValueSet,
} from "./descriptors.js";
export { defineStruct, StructCodec, type CodecOptions, type RunOptions } from "./codec.js";
export type { DecodedRequest, Request, RequestInput } from "./request.js";
export type { ArrayView, StructView, ViewOf } from "./struct-view.js";
export { CodecError } from "./scalar-io.js";
export { defineIoctl, Ioctl, ioctlNumbers } from "./ioctl.js";
export {
  CommandSet,
  defineCommandSet,
  getBits,
  setBits,
  type CommandFields,
  type CommandInput,
  type DecodedCommand,
} from "./command-set.js";
export type { CommandCursor, CommandFieldMap, CommandMap, CommandView } from "./command-view.js";
export type { StructLayout, FieldLayout, Hole } from "../layout/layout.js";
