// The security level of one proof, from its parameters and its shape as both sides know it
// (the verifying key's tables, the heights, the statement's bus tuples). Prover and verifier call
// this same function, so the level a prover prints is the level a verifier checks.

import type { StarkParams } from '../fri/params.js';
import { type SecurityReport, securityReport } from '../fri/params.js';
import type { BusContribution } from './statement.js';
import type { PreparedAir } from './tables.js';

export function proofSecurity(
  params: StarkParams,
  prepared: readonly PreparedAir[],
  logHeights: readonly number[],
  contributions: readonly BusContribution[],
): SecurityReport {
  return securityReport(params, {
    tables: prepared.map((p, t) => ({
      logHeight: logHeights[t],
      maxDegree: p.maxDegree,
      numConstraints: p.built.constraints.length,
      busArities: p.built.interactions.map((it) => it.bus.arity),
      openedValues: 2 * (p.mainWidth + p.preWidth + 4 * p.numAux) + 4 * 2 ** p.logChunks,
    })),
    contributionArities: contributions.map((c) => c.values.length),
  });
}
