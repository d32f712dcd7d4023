// Checks the tests' own encoder (rv32_asm.h) against GNU as, so that hart tests written with it run the
// instructions they claim to.
#include "rv32_asm.h"

#include <catch2/catch.hpp>

using namespace rv32asm;

// Expected words: riscv64-unknown-elf-as -march=rv32imac_zicsr_zifencei, objdump -M no-aliases,numeric.
TEST_CASE("test encoder: RV32I words equal those of GNU as", "[asm]")
{
    CHECK(lui(x5, 0xfffff) == 0xfffff2b7);
    CHECK(auipc(x10, 0x12345) == 0x12345517);
    CHECK(jal(x1, 1048574) == 0x7ffff0ef);
    CHECK(jal(x0, -1048576) == 0x8000006f);
    CHECK(jal(x1, -2) == 0xfffff0ef);
    CHECK(jalr(x1, -2048, x2) == 0x800100e7);
    CHECK(beq(x1, x2, 4094) == 0x7e208fe3);
    CHECK(bne(x3, x4, -4096) == 0x80419063);
    CHECK(blt(x5, x6, -2) == 0xfe62cfe3);
    CHECK(bge(x7, x8, 16) == 0x0083d863);
    CHECK(bltu(x9, x10, -8) == 0xfea4ece3);
    CHECK(bgeu(x11, x12, 2048) == 0x00c5f0e3);
    CHECK(lb(x1, -1, x2) == 0xfff10083);
    CHECK(lh(x3, 2047, x4) == 0x7ff21183);
    CHECK(lw(x5, -2048, x6) == 0x80032283);
    CHECK(lbu(x7, 0, x8) == 0x00044383);
    CHECK(lhu(x9, 4, x10) == 0x00455483);
    CHECK(sb(x1, -2048, x2) == 0x80110023);
    CHECK(sh(x3, 2047, x4) == 0x7e321fa3);
    CHECK(sw(x5, -1, x6) == 0xfe532fa3);
    CHECK(addi(x1, x2, -2048) == 0x80010093);
    CHECK(slti(x3, x4, 2047) == 0x7ff22193);
    CHECK(sltiu(x5, x6, -1) == 0xfff33293);
    CHECK(xori(x7, x8, -1) == 0xfff44393);
    CHECK(ori(x9, x10, 0x555) == 0x55556493);
    CHECK(andi(x11, x12, 0xff) == 0x0ff67593);
    CHECK(slli(x13, x14, 31) == 0x01f71693);
    CHECK(srli(x15, x16, 1) == 0x00185793);
    CHECK(srai(x17, x18, 31) == 0x41f95893);
    CHECK(add(x1, x2, x3) == 0x003100b3);
    CHECK(sub(x4, x5, x6) == 0x40628233);
    CHECK(sll(x7, x8, x9) == 0x009413b3);
    CHECK(slt(x10, x11, x12) == 0x00c5a533);
    CHECK(sltu(x13, x14, x15) == 0x00f736b3);
    CHECK(xor_(x16, x17, x18) == 0x0128c833);
    CHECK(srl(x19, x20, x21) == 0x015a59b3);
    CHECK(sra(x22, x23, x24) == 0x418bdb33);
    CHECK(or_(x25, x26, x27) == 0x01bd6cb3);
    CHECK(and_(x28, x29, x30) == 0x01eefe33);
    CHECK(fence() == 0x0ff0000f);
    CHECK(fence_i() == 0x0000100f);
}

TEST_CASE("test encoder: Zicsr, M and A words equal those of GNU as", "[asm]")
{
    CHECK(csrrw(x1, 0x300, x2) == 0x300110f3);
    CHECK(csrrs(x3, 0xf14, x0) == 0xf14021f3);
    CHECK(csrrc(x5, 0x305, x6) == 0x305332f3);
    CHECK(csrrwi(x7, 0x340, 31) == 0x340fd3f3);
    CHECK(csrrsi(x8, 0x304, 8) == 0x30446473);
    CHECK(csrrci(x9, 0xfff, 1) == 0xfff0f4f3);
    CHECK(mul(x1, x2, x3) == 0x023100b3);
    CHECK(mulh(x4, x5, x6) == 0x02629233);
    CHECK(mulhsu(x7, x8, x9) == 0x029423b3);
    CHECK(mulhu(x10, x11, x12) == 0x02c5b533);
    CHECK(div(x13, x14, x15) == 0x02f746b3);
    CHECK(divu(x16, x17, x18) == 0x0328d833);
    CHECK(rem(x19, x20, x21) == 0x035a69b3);
    CHECK(remu(x22, x23, x24) == 0x038bfb33);
    CHECK(lr_w(x1, x2) == 0x100120af);
    CHECK(sc_w(x3, x4, x5) == 0x1842a1af);
    CHECK(amoswap_w(x6, x7, x8) == 0x0874232f);
    CHECK(amoadd_w(x9, x10, x11) == 0x00a5a4af);
    CHECK(amoxor_w(x12, x13, x14) == 0x20d7262f);
    CHECK(amoand_w(x15, x16, x17) == 0x6108a7af);
    CHECK(amoor_w(x18, x19, x20) == 0x413a292f);
    CHECK(amomin_w(x21, x22, x23) == 0x816baaaf);
    CHECK(amomax_w(x24, x25, x26) == 0xa19d2c2f);
    CHECK(amominu_w(x27, x28, x29) == 0xc1ceadaf);
    CHECK(amomaxu_w(x30, x31, x1) == 0xe1f0af2f);
}
