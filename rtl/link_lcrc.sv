// LCRC of the fabric link layer: CRC-32 as PCIe's data link layer uses it (polynomial 0x04C11DB7, bits
// taken least significant first, register seeded with all ones), updated by BytesPerClk bytes per clock
// cycle. The packet's LCRC is the complement of the final register. Combinational: the link endpoint keeps
// the register. For "123456789" the complemented result is 0xCBF43926, the CRC-32 check value.
module link_lcrc #(
  parameter int unsigned BytesPerClk = 4
) (
  input  logic [31:0]              crc_i,   // running register (start with 32'hFFFF_FFFF)
  input  logic [8*BytesPerClk-1:0] data_i,  // byte 0 in bits 7:0, sent first
  input  logic [BytesPerClk-1:0]   valid_i, // which bytes take part (a prefix: 0001, 0011, ...)
  output logic [31:0]              crc_o
);

  always_comb begin
    logic [31:0] crc;
    crc = crc_i;
    for (int unsigned b = 0; b < BytesPerClk; b++) begin
      if (valid_i[b]) begin
        crc = link_pkg::lcrc_byte(crc, data_i[8*b +: 8]);
      end
    end
    crc_o = crc;
  end

endmodule
