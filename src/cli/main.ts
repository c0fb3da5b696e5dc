#!/usr/bin/env node
/**
 * The `rvstark` command line. Every error ends here as one line `error: <message>`
 * (no stack trace) with exit status 0 ok, 1 failed build, 2 usage or input error;
 * `run` passes the guest's exit status through (124/125: cycle limit/fault, run.ts).
 * Commands live one per file; prove/verify/bench are registered later.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ElfError, ExecutionError } from '../vm/errors.js';
import { benchCommand } from './bench.js';
import { buildCommand } from './build.js';
import { CliError, EXIT_FAULT, EXIT_USAGE } from './common.js';
import { idCommand } from './id.js';
import { proveCommand, settle } from './prove.js';
import { RUN_EXIT_STATUS_HELP, runCommand } from './run.js';
import { verifyCommand } from './verify.js';

function makeProgram(): Command {
  const program = new Command();
  program
    .name('rvstark')
    .description('Run, build and (soon) prove RV32IM programs')
    .version(VERSION, '-V, --version', 'print the rvstark version')
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`${str.trimEnd().replace(/^error: /, 'error: ')}\n`),
    })
    .showHelpAfterError(false);

  program
    .command('run')
    .description('execute an RV32IM ELF: output, exit code, cycles, opcode histogram')
    .argument('<prog.elf>', 'the guest program')
    .addOption(new Option('--input <file>', 'input bytes from a file').conflicts('inputHex'))
    .addOption(new Option('--input-hex <hex>', 'input bytes as hex'))
    .option('--output <file>', 'write the output (journal) bytes to a file (partial on a fault)')
    .option('--max-cycles <n>', 'stop with an error (exit status 124) after n cycles')
    .option('--json', 'print one JSON object for machines')
    .option('--profile', 'print cycles per function (from the ELF symbol table)')
    .addHelpText('after', RUN_EXIT_STATUS_HELP)
    .action((elf: string, opts) => {
      // The guest's own exit status (a0 & 0xff), or 124/125 for a cycle limit or fault.
      process.exitCode = runCommand(elf, opts);
    });

  program
    .command('id')
    .description('print the image id of an ELF (what a verifier pins)')
    .argument('<prog.elf>', 'the guest program')
    .option('--preset <name>', 'parameter preset the id is for: default or fast (the key holds them)')
    .option('--json', 'print JSON')
    .action((elf: string, opts) => {
      settle(idCommand(elf, opts));
    });

  program
    .command('prove')
    .description('execute an RV32IM ELF and prove the run: writes a receipt')
    .argument('<prog.elf>', 'the guest program')
    .addOption(new Option('--input <file>', 'input bytes from a file').conflicts('inputHex'))
    .addOption(new Option('--input-hex <hex>', 'input bytes as hex'))
    .requiredOption('-o, --output <receipt.bin>', 'where to write the receipt')
    .option('--preset <name>', 'default (>= 100 bits) or fast (insecure, for tests)', 'default')
    .option('--dev', 'dev mode: a receipt with the claim and no proof (also RVSTARK_DEV_MODE=1)')
    .option('--threads <n>', 'prover threads (default: RVSTARK_THREADS, else every core)')
    .option('--json', 'print one JSON object, no progress display')
    .action((elf: string, opts) => {
      settle(proveCommand(elf, opts));
    });

  program
    .command('verify')
    .description('verify a receipt: exit 0 and the claim only if it is valid')
    .argument('<receipt.bin>', 'the receipt')
    .addOption(new Option('--elf <prog.elf>', 'require the receipt to be for this ELF').conflicts('imageId'))
    .addOption(new Option('--image-id <hex>', 'require the receipt to be for this image id'))
    .addOption(
      new Option('--input <file>', 'require the run to have read exactly these bytes').conflicts('inputHex'),
    )
    .addOption(new Option('--input-hex <hex>', 'the same, as hex'))
    .option('--allow-dev', 'accept a dev-mode receipt (its claim is NOT proven)')
    .option('--allow-insecure', 'accept receipts below 100 bits of security (the fast preset)')
    .option('--json', 'print one JSON object')
    .action((receipt: string, opts) => {
      settle(verifyCommand(receipt, opts));
    });

  program
    .command('bench')
    .description('prove and verify the example guests at several sizes (throughput)')
    .option('--quick', 'only the smallest size')
    .option('--threads <n>', 'prover threads (default: RVSTARK_THREADS, else every core)')
    .option('--json', 'one JSON object per row')
    .action((opts) => {
      settle(benchCommand(opts));
    });

  program
    .command('build')
    .description('compile a C guest with the rvstark SDK (riscv64-unknown-elf-gcc)')
    .argument('<sources...>', 'C or assembly sources')
    .requiredOption('-o, --output <prog.elf>', 'output ELF')
    .option('--picolibc', 'link picolibc (printf, malloc, ...) instead of the freestanding runtime')
    .option('--cflags <flags>', 'extra compiler flags, space separated')
    .action((sources: string[], opts) => {
      process.exitCode = buildCommand(sources, opts);
    });
  return program;
}

function main(argv: string[]): void {
  try {
    makeProgram().parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" with exit code 0; commander already printed them.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const err = e as Error;
    const status =
      e instanceof CliError
        ? e.exitCode
        : e instanceof ExecutionError
          ? EXIT_FAULT
          : e instanceof ElfError || e instanceof RangeError
            ? EXIT_USAGE
            : EXIT_FAULT;
    process.stderr.write(`error: ${String(err?.message ?? err).split('\n')[0]}\n`);
    process.exitCode = status;
  }
}

main(process.argv);
