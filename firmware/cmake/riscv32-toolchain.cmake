# Toolchain file for the rv32 firmware: Debian's riscv64-unknown-elf-gcc 12 building rv32imac/ilp32.
# -march stays out of CMAKE_C_FLAGS because those also reach the link line, where an -march with
# _zicsr_zifencei matches no multilib and falls back to rv64 (../shared/reference/toolchain.md).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy)
set(CMAKE_OBJDUMP riscv64-unknown-elf-objdump)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CELLVP_FW_COMPILE_ARCH -march=rv32imac_zicsr_zifencei -mabi=ilp32)
set(CELLVP_FW_LINK_ARCH -march=rv32imac -mabi=ilp32)
