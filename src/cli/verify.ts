/**
 * `rvstark verify <receipt.bin> [--elf prog.elf | --image-id HEX] [--input FILE | --input-hex HEX]
 * [--json] [--allow-dev] [--allow-insecure]`: exit 0 and the verified claim only when the receipt
 * is valid; exit 1 with a one-line reason when it is not; exit 2 on usage errors
 * (docs/RECEIPT.md, "Verifying").
 */
import type { Claim } from '../../circuits/machine/index.js';
import type { SecurityReport } from '../fri/params.js';
import { loadElf } from '../vm/elf.js';
import { CliError, EXIT_FAULT, EXIT_OK, parseHex, readFileOrFail } from './common.js';

export interface VerifyOptions {
  elf?: string;
  imageId?: string;
  input?: string;
  inputHex?: string;
  json?: boolean;
  allowDev?: boolean;
  allowInsecure?: boolean;
}

const HINT: Record<string, string> = {
  'dev-receipt': ' (pass --allow-dev to read its claim unproven)',
  insecure: ' (pass --allow-insecure)',
};

export async function verifyCommand(receiptPath: string, opts: VerifyOptions): Promise<number> {
  if (opts.elf !== undefined && opts.imageId !== undefined)
    throw new CliError('--elf and --image-id are mutually exclusive');
  if (opts.input !== undefined && opts.inputHex !== undefined)
    throw new CliError('--input and --input-hex are mutually exclusive');
  let imageId: string | undefined;
  if (opts.imageId !== undefined) {
    imageId = opts.imageId.startsWith('0x') ? opts.imageId.slice(2) : opts.imageId;
    if (!/^[0-9a-fA-F]{64}$/.test(imageId))
      throw new CliError(`--image-id expects 64 hex digits, got "${opts.imageId}"`);
  }
  const input =
    opts.input !== undefined
      ? readFileOrFail(opts.input, 'input file')
      : opts.inputHex !== undefined
        ? parseHex(opts.inputHex)
        : undefined;
  const receipt = readFileOrFail(receiptPath, 'receipt');
  let elf: Uint8Array | undefined;
  if (opts.elf !== undefined) {
    elf = readFileOrFail(opts.elf, 'ELF');
    loadElf(elf); // a bad ELF is a usage error (exit 2), not a bad receipt
  }
  const { verifyReceipt } = await import('../zkvm/verify.js');
  const started = performance.now();
  const r = verifyReceipt(receipt, {
    imageId,
    elf,
    input,
    allowDev: opts.allowDev === true,
    allowInsecure: opts.allowInsecure === true,
  });
  const ms = performance.now() - started;
  if (!r.ok) {
    const reason = `${r.reason}${HINT[r.kind] ?? ''}`.replace(/\s*\n\s*/g, ' ');
    if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, kind: r.kind, reason })}\n`);
    process.stderr.write(`error: invalid receipt (${r.kind}): ${reason}\n`);
    return EXIT_FAULT;
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({
        ok: true,
        dev: r.dev,
        ...claimJson(r.claim),
        preset: r.preset,
        security: r.security === null ? null : securityJson(r.security),
        vk_digest: r.vkDigest,
        verify_ms: Math.round(ms * 10) / 10,
      })}\n`,
    );
    return EXIT_OK;
  }
  const lines: string[] = [];
  if (r.dev) lines.push('WARNING: dev-mode receipt: the claim below is NOT proven');
  else lines.push('receipt verified');
  lines.push(...claimLines(r.claim));
  if (r.security !== null) lines.push(`security: ${securityLine(r.security, r.preset)}`);
  if (r.security !== null && r.security.bits < 100)
    lines.push('WARNING: accepted below 100 bits because of --allow-insecure');
  lines.push(`checked against: ${opts.elf ?? (imageId !== undefined ? 'image id' : 'the claim only')}`);
  lines.push(`verify time: ${ms.toFixed(1)} ms`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const PREVIEW = 256;

/** The claim as JSON fields (full input and output as hex). */
export function claimJson(c: Claim): Record<string, unknown> {
  return {
    image_id: hex(c.imageId),
    exit_code: c.exitCode,
    cycles: c.cycles,
    input_hex: hex(c.input),
    output_hex: hex(c.output),
    output_text: printable(c.output) ? Buffer.from(c.output).toString('utf8') : null,
  };
}

/** The claim for people: output as text where printable and as hex (previews bounded). */
export function claimLines(c: Claim): string[] {
  const lines = [
    `image id: ${hex(c.imageId)}`,
    `exit code: ${c.exitCode}`,
    `cycles: ${c.cycles}`,
    `input: ${c.input.length} bytes${c.input.length > 0 ? `, hex ${preview(c.input)}` : ''}`,
    `output: ${c.output.length} bytes`,
  ];
  if (c.output.length > 0) {
    if (printable(c.output)) {
      const text = Buffer.from(c.output.subarray(0, 4 * PREVIEW)).toString('utf8');
      lines.push(`  text: ${JSON.stringify(text)}${c.output.length > 4 * PREVIEW ? ' …' : ''}`);
    }
    lines.push(`  hex: ${preview(c.output)}`);
  }
  return lines;
}

function preview(b: Uint8Array): string {
  return b.length <= PREVIEW ? hex(b) : `${hex(b.subarray(0, PREVIEW))}… (${b.length} bytes; --json has all)`;
}

/** Printable UTF-8 text (tabs and newlines allowed). */
export function printable(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const text = Buffer.from(bytes).toString('utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  return !text.includes('\uFFFD') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

export function securityJson(s: SecurityReport): Record<string, unknown> {
  return {
    bits: s.bits,
    conjectured_bits: s.conjectured.bits,
    conjectured_binding: s.conjectured.binding,
    proven_bits: s.proven.bits,
    proven_binding: s.proven.binding,
  };
}

export function securityLine(s: SecurityReport, preset: string): string {
  return `${s.conjectured.bits} bits conjectured (${s.conjectured.binding} binds), ${s.proven.bits} bits proven, preset ${preset}${s.bits < 100 ? ' (INSECURE: for testing only)' : ''}`;
}
