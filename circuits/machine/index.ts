// The circuits' public API: build a machine for a program, turn a recorded run into its
// tables and claim, prove and verify.
export { CHIP_OF_OP, INSTRUCTION_CHIPS, type InstructionChip } from './chips.js';
export { CircuitError, type CircuitErrorKind } from './errors.js';
export { IMAGE_ID_V2_DOMAIN, imageIdV2, imageIdV2Preimage } from './image-id.js';
export {
  IMAGE_TABLE,
  type MachineKeyData,
  MachineKeyError,
  machineKeyData,
  PROGRAM_TABLE,
  rebuildMachineKey,
} from './keys.js';
export { buildMachine, type Machine } from './machine.js';
export { machineImageId, machineKeys, proveMachine, verifyMachine } from './prove.js';
export { type Claim, claimContributions } from './statement.js';
export { generateWitness, type MachineTable, type MachineWitness, type WitnessOptions } from './witness.js';
