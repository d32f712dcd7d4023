// One wire direction of a fabric link with a lane width other than 32 bits: the gearbox between the sending
// endpoint's DW-serial line (dw_i, on the core clock clk_i) and a LaneBits-wide wire on the lane clock, the
// wire's register stage with its fault injection, and the gearbox back to a DW per core clock for the
// receiving endpoint (dw_o). The core clock runs at lane clock x LaneBits / 32 and its edges line up with lane
// edges (see fabric_link.sv); the phase comes from a toggle of the slower clock, so reset needs no alignment.
//
// Narrow lane (LaneBits < 32): on the first lane edge after a core edge (the toggle of clk_i has moved) the
// transmit side sends the low slice of the DW the core just put out and keeps the rest in a shift register,
// sending a slice per lane clock; the receive side shifts slices in and, on that same lane edge, has the whole
// DW (its last slice on the wire, the others shifted in), which it holds for the core's next edge.
// Wide lane (LaneBits > 32): the transmit side keeps the core's last LaneBits / 32 - 1 DWs, and each lane edge
// sends them with the current one, the oldest in the low bits; the receive side hands the core one DW of the
// last lane beat per core clock, starting from the low one on the first core edge after a lane edge.
//
// Latency, DW out of the sender to DW into the receiver: two core clocks (the wire's register and the
// gearbox's), against one without a gearbox.
module link_gearbox #(
  parameter int unsigned LaneBits = 8,
  parameter logic [31:0] DeadWire = 32'hFFFF_FFFF // what the wire shows while dropped
) (
  input  logic                clk_i,
  input  logic                lane_clk_i,
  input  logic                rst_ni,

  input  logic [31:0]         dw_i,
  input  logic [LaneBits-1:0] flip_i,
  input  logic                drop_i,
  output logic [LaneBits-1:0] wire_o,
  output logic [31:0]         dw_o,

  // Nothing in flight differs from dw_i: clocking on with dw_i unchanged would change no data.
  output logic                idle_o
);

  logic [LaneBits-1:0] wire_q;
  logic [31:0]         rx_dw_q;

  if (LaneBits < 32) begin : g_narrow
    localparam int unsigned Sw = 32 - LaneBits; // bits of a DW not on the wire this lane clock

    logic          core_tgl_q;  // clk_i domain: flips on every core edge
    logic          seen_q;      // lane domain: core_tgl_q at the previous lane edge
    logic          first;       // the first lane edge after a core edge
    logic [Sw-1:0] tx_sr_q;     // the slices of the DW still to send
    logic [Sw-1:0] rx_sr_q;     // the last slices received

    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        core_tgl_q <= 1'b0;
      end else begin
        core_tgl_q <= ~core_tgl_q;
      end
    end

    assign first = core_tgl_q != seen_q;

    always_ff @(posedge lane_clk_i) begin
      if (!rst_ni) begin
        seen_q  <= 1'b0;
        tx_sr_q <= '0;
        wire_q  <= '0;
        rx_sr_q <= '0;
        rx_dw_q <= 32'h0;
      end else begin
        seen_q  <= core_tgl_q;
        tx_sr_q <= first ? dw_i[31:LaneBits] : Sw'(tx_sr_q >> LaneBits);
        wire_q  <= drop_i ? DeadWire[LaneBits-1:0] :
                            ((first ? dw_i[LaneBits-1:0] : tx_sr_q[LaneBits-1:0]) ^ flip_i);
        rx_sr_q <= Sw'({wire_q, rx_sr_q} >> LaneBits);
        if (first) begin
          rx_dw_q <= {wire_q, rx_sr_q};
        end
      end
    end

    // At a core edge the wire and the receive shift register hold the DW sent last, rx_dw_q the one before.
    assign idle_o = rx_dw_q == {wire_q, rx_sr_q} && {wire_q, rx_sr_q} == dw_i;
  end else begin : g_wide
    localparam int unsigned Dws = LaneBits / 32;    // DWs per lane clock
    localparam int unsigned Hw  = LaneBits - 32;    // bits of the DWs held back for the next lane beat
    localparam int unsigned Iw  = $clog2(Dws);

    logic          lane_tgl_q;  // lane domain: flips on every lane edge
    logic          seen_q;      // clk_i domain: lane_tgl_q at the previous core edge
    logic [Hw-1:0] hold_q;      // the core's last Dws - 1 DWs, the oldest in the low bits
    logic [Iw-1:0] idx_q;       // the next DW of the lane beat to hand over
    logic [Iw-1:0] sel;

    always_ff @(posedge lane_clk_i) begin
      if (!rst_ni) begin
        lane_tgl_q <= 1'b0;
        wire_q     <= '0;
      end else begin
        lane_tgl_q <= ~lane_tgl_q;
        wire_q     <= drop_i ? {Dws{DeadWire}} : ({dw_i, hold_q} ^ flip_i);
      end
    end

    assign sel = (lane_tgl_q != seen_q) ? '0 : idx_q;

    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        seen_q  <= 1'b0;
        hold_q  <= '0;
        idx_q   <= '0;
        rx_dw_q <= 32'h0;
      end else begin
        seen_q  <= lane_tgl_q;
        hold_q  <= Hw'({dw_i, hold_q} >> 32);
        idx_q   <= sel + 1'b1;
        rx_dw_q <= wire_q[32*sel +: 32];
      end
    end

    assign idle_o = hold_q == {(Dws - 1){dw_i}} && wire_q == {Dws{dw_i}} && rx_dw_q == dw_i;
  end

  assign wire_o = wire_q;
  assign dw_o   = rx_dw_q;

endmodule
