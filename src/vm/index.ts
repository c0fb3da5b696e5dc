/**
 * The VM layer's public API: load an RV32IM ELF, compute its image id, execute it fast
 * or with an ExecutionRecord. Depends on nothing above it in src/.
 */
export { AccessTable, buildAccessTable } from './access.js';
export { DECODE_TABLE, type DecodedProgram, decode, NUM_OPS, OP_NAMES, Op, type OpId } from './decode.js';
export { loadElf, type Program, type Segment } from './elf.js';
export {
  ElfError,
  type ElfErrorKind,
  ExecutionError,
  type ExecutionErrorKind,
  type PartialRun,
} from './errors.js';
export {
  DEFAULT_MAX_CYCLES,
  DEFAULT_MAX_RECORD_CYCLES,
  decodeProgram,
  type ExecuteOptions,
  type ExecutionResult,
  execute,
} from './executor.js';
export { executableRanges, IMAGE_ID_DOMAIN, imageId, imageIdHex, imageIdPreimage } from './image-id.js';
export { type FunctionProfile, opcodeHistogram, profileByFunction } from './profile.js';
export {
  CpuTable,
  type DerivedCpuColumns,
  deriveCpuColumns,
  type ExecutionRecord,
  IoTable,
  RamTable,
  SLOT_MEM,
  SLOT_RD,
  SLOT_RS1,
  SLOT_RS2,
  SPACE_RAM,
  SPACE_REG,
  type TouchedMemory,
  timestamp,
} from './record.js';
export { type FunctionSymbol, readFunctionSymbols } from './symbols.js';
