// Shared definitions of the fabric's data link layer: the LCRC step (CRC-32 as PCIe's data link layer uses it:
// polynomial 0x04C11DB7 taken least significant bit first, register seeded with all ones, the packet's LCRC
// being the complement of the final register). A function, so that the endpoint computes it only in the
// states that need it (Verilator evaluates a continuous CRC block on every evaluation).
package link_pkg;

  localparam logic [31:0] LcrcPolyReflected = 32'hEDB8_8320;

  function automatic logic [31:0] lcrc_byte(logic [31:0] crc_i, logic [7:0] byte_i);
    logic [31:0] crc;
    crc = crc_i ^ {24'h0, byte_i};
    for (int unsigned i = 0; i < 8; i++) begin
      crc = crc[0] ? ((crc >> 1) ^ LcrcPolyReflected) : (crc >> 1);
    end
    return crc;
  endfunction

  // The byte-at-a-time form of the same CRC: a 256-entry ROM built at elaboration from lcrc_byte, as
  // byte-wide CRC hardware does (and four look-ups per DW cost the simulation far less than 32 shifts).
  typedef logic [31:0] lcrc_table_t [256];

  function automatic lcrc_table_t lcrc_make_table();
    lcrc_table_t t;
    for (int unsigned i = 0; i < 256; i++) begin
      t[i] = lcrc_byte(32'h0, 8'(i));
    end
    return t;
  endfunction

  localparam lcrc_table_t LcrcTable = lcrc_make_table();

  // One DW, byte 0 (bits 7:0) first.
  function automatic logic [31:0] lcrc_dw(logic [31:0] crc_i, logic [31:0] dw_i);
    logic [31:0] crc;
    crc = crc_i;
    for (int unsigned b = 0; b < 4; b++) begin
      crc = (crc >> 8) ^ LcrcTable[crc[7:0] ^ dw_i[8*b +: 8]];
    end
    return crc;
  endfunction

endpackage
