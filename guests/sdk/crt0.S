/*
 * rvstark guest start code: sets gp, tp (picolibc's TLS block, in place because
 * VMA == LMA) and sp from linker symbols, runs constructors, calls main(0, 0) and
 * exits with its return value. It never reads qemu's initial registers or stack.
 */
    .file "crt0.S"
    .section .text.rvstark.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la tp, __tls_base
    la sp, __stack_top
    /* Run .init_array (picolibc and C++-style constructors); usually empty. */
    la s0, __init_array_start
    la s1, __init_array_end
1:  bgeu s0, s1, 2f
    lw t0, 0(s0)
    jalr t0
    addi s0, s0, 4
    j 1b
2:  li a0, 0
    li a1, 0
    call main
    tail rv_exit
    .size _start, . - _start
