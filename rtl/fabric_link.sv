// One fabric link as it is verilated: the cell-side endpoint (u_a), the switch-side endpoint (u_b) and the two
// wires between them, with faults injected on the wires: XOR masks (a seeded bit error rate drawn by the
// transactor) and a drop, during which both wires carry an invalid pattern (a broken cable or lost lock).
// Each wire is one register stage (a retimer): one cycle of flight, and no logic of the receiving end depends
// combinationally on the fault inputs.
//
// The wires are LaneBits wide (8, 16, 32, 64 or 128) and clocked by lane_clk_i; the endpoints stay DW-serial on
// clk_i, the core clock, at lane clock x LaneBits / 32, so one DW crosses per core clock at every width and the
// line rate is LaneBits x the lane clock. A gearbox per wire direction converts (rtl/README.md): a narrow lane
// sends a DW as 32 / LaneBits slices, low slice first; a wide one sends LaneBits / 32 DWs per lane clock, the
// oldest in the low bits. The two clocks are related (the transactor makes them: every core edge falls on a lane
// edge for a narrow lane, every lane edge on a core edge for a wide one), and each gearbox finds the phase by
// itself from a toggle of the slower domain, so it needs no alignment at reset. At LaneBits = 32 there is no
// gearbox: lane_clk_i is unused and the wires are clocked by clk_i, as they always were.
module fabric_link #(
  parameter int unsigned MaxPayloadBytes = 4096,
  parameter int unsigned ReplayBufDw     = 8192,
  parameter int unsigned RxCredits       = 8,
  parameter int unsigned LaneBits        = 32  // bits per lane clock per direction: 8, 16, 32, 64 or 128
) (
  input  logic        clk_i,       // core clock: one DW per clock
  input  logic        lane_clk_i,  // lane clock: one LaneBits beat per clock (unused at LaneBits = 32)
  input  logic        rst_ni,

  // Cell end.
  input  logic        a_enable_i,
  output logic        a_link_up_o,
  output logic        a_training_o,
  input  logic        a_tx_valid_i,
  output logic        a_tx_ready_o,
  input  logic [31:0] a_tx_data_i,
  input  logic        a_tx_last_i,
  output logic        a_rx_valid_o,
  output logic [31:0] a_rx_data_o,
  output logic        a_rx_last_o,
  output logic [10:0] a_rx_len_dw_o,
  output logic        a_rx_drop_o,
  input  logic        a_rx_credit_i,
  output logic [31:0] a_tlps_sent_o,
  output logic [31:0] a_replays_o,
  output logic [31:0] a_naks_sent_o,
  output logic [31:0] a_naks_received_o,
  output logic [31:0] a_replay_timeouts_o,
  output logic [31:0] a_credit_stall_cycles_o,
  output logic [31:0] a_retrains_o,
  output logic [31:0] a_rx_errors_o,
  output logic [31:0] a_dup_dropped_o,

  // Switch end.
  input  logic        b_enable_i,
  output logic        b_link_up_o,
  output logic        b_training_o,
  input  logic        b_tx_valid_i,
  output logic        b_tx_ready_o,
  input  logic [31:0] b_tx_data_i,
  input  logic        b_tx_last_i,
  output logic        b_rx_valid_o,
  output logic [31:0] b_rx_data_o,
  output logic        b_rx_last_o,
  output logic [10:0] b_rx_len_dw_o,
  output logic        b_rx_drop_o,
  input  logic        b_rx_credit_i,
  output logic [31:0] b_tlps_sent_o,
  output logic [31:0] b_replays_o,
  output logic [31:0] b_naks_sent_o,
  output logic [31:0] b_naks_received_o,
  output logic [31:0] b_replay_timeouts_o,
  output logic [31:0] b_credit_stall_cycles_o,
  output logic [31:0] b_retrains_o,
  output logic [31:0] b_rx_errors_o,
  output logic [31:0] b_dup_dropped_o,

  // The wires, and faults on them.
  output logic [LaneBits-1:0] ab_wire_o,
  output logic [LaneBits-1:0] ba_wire_o,
  input  logic [LaneBits-1:0] ab_flip_i,
  input  logic [LaneBits-1:0] ba_flip_i,
  input  logic        drop_i,

  output logic        idle_o
);

  // What a dead wire shows: not idle, not a token, not electrical idle.
  localparam logic [31:0] DeadWire = 32'hFFFF_FFFF;

  logic [31:0] a_line_tx, b_line_tx;
  logic [31:0] a_line_rx, b_line_rx; // what each endpoint receives, a DW per core clock
  logic        drop_q;
  logic        a_idle, b_idle;
  logic        gb_idle;              // the gearboxes hold nothing in flight

  if (LaneBits == 32) begin : g_direct
    // One register stage per wire, on the core clock: the link as it was before lanes had a width.
    logic [31:0] ab_wire_q, ba_wire_q;

    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        ab_wire_q <= 32'h0;
        ba_wire_q <= 32'h0;
        drop_q    <= 1'b0;
      end else begin
        ab_wire_q <= drop_i ? DeadWire : (a_line_tx ^ ab_flip_i);
        ba_wire_q <= drop_i ? DeadWire : (b_line_tx ^ ba_flip_i);
        drop_q    <= drop_i;
      end
    end

    assign ab_wire_o = ab_wire_q;
    assign ba_wire_o = ba_wire_q;
    assign a_line_rx = ba_wire_q;
    assign b_line_rx = ab_wire_q;
    assign gb_idle   = 1'b1;

    logic unused_lane_clk;
    assign unused_lane_clk = lane_clk_i;
  end else begin : g_gearbox
    always_ff @(posedge lane_clk_i) begin
      if (!rst_ni) begin
        drop_q <= 1'b0;
      end else begin
        drop_q <= drop_i;
      end
    end

    logic ab_idle, ba_idle;
    link_gearbox #(.LaneBits(LaneBits), .DeadWire(DeadWire)) u_ab (
      .clk_i, .lane_clk_i, .rst_ni,
      .dw_i(a_line_tx), .flip_i(ab_flip_i), .drop_i, .wire_o(ab_wire_o), .dw_o(b_line_rx), .idle_o(ab_idle)
    );
    link_gearbox #(.LaneBits(LaneBits), .DeadWire(DeadWire)) u_ba (
      .clk_i, .lane_clk_i, .rst_ni,
      .dw_i(b_line_tx), .flip_i(ba_flip_i), .drop_i, .wire_o(ba_wire_o), .dw_o(a_line_rx), .idle_o(ba_idle)
    );
    assign gb_idle = ab_idle && ba_idle;
  end

  // (each end's idle_o already looks at what it receives)
  assign idle_o = a_idle && b_idle && gb_idle && !drop_q;

  link_endpoint #(
    .MaxPayloadBytes(MaxPayloadBytes), .ReplayBufDw(ReplayBufDw), .RxCredits(RxCredits)
  ) u_a (
    .clk_i, .rst_ni,
    .enable_i(a_enable_i), .link_up_o(a_link_up_o), .training_o(a_training_o),
    .tx_valid_i(a_tx_valid_i), .tx_ready_o(a_tx_ready_o), .tx_data_i(a_tx_data_i), .tx_last_i(a_tx_last_i),
    .rx_valid_o(a_rx_valid_o), .rx_data_o(a_rx_data_o), .rx_last_o(a_rx_last_o), .rx_len_dw_o(a_rx_len_dw_o),
    .rx_drop_o(a_rx_drop_o), .rx_credit_i(a_rx_credit_i),
    .line_tx_o(a_line_tx), .line_rx_i(a_line_rx),
    .idle_o(a_idle),
    .tlps_sent_o(a_tlps_sent_o), .replays_o(a_replays_o), .naks_sent_o(a_naks_sent_o),
    .naks_received_o(a_naks_received_o), .replay_timeouts_o(a_replay_timeouts_o),
    .credit_stall_cycles_o(a_credit_stall_cycles_o), .retrains_o(a_retrains_o), .rx_errors_o(a_rx_errors_o),
    .dup_dropped_o(a_dup_dropped_o)
  );

  link_endpoint #(
    .MaxPayloadBytes(MaxPayloadBytes), .ReplayBufDw(ReplayBufDw), .RxCredits(RxCredits)
  ) u_b (
    .clk_i, .rst_ni,
    .enable_i(b_enable_i), .link_up_o(b_link_up_o), .training_o(b_training_o),
    .tx_valid_i(b_tx_valid_i), .tx_ready_o(b_tx_ready_o), .tx_data_i(b_tx_data_i), .tx_last_i(b_tx_last_i),
    .rx_valid_o(b_rx_valid_o), .rx_data_o(b_rx_data_o), .rx_last_o(b_rx_last_o), .rx_len_dw_o(b_rx_len_dw_o),
    .rx_drop_o(b_rx_drop_o), .rx_credit_i(b_rx_credit_i),
    .line_tx_o(b_line_tx), .line_rx_i(b_line_rx),
    .idle_o(b_idle),
    .tlps_sent_o(b_tlps_sent_o), .replays_o(b_replays_o), .naks_sent_o(b_naks_sent_o),
    .naks_received_o(b_naks_received_o), .replay_timeouts_o(b_replay_timeouts_o),
    .credit_stall_cycles_o(b_credit_stall_cycles_o), .retrains_o(b_retrains_o), .rx_errors_o(b_rx_errors_o),
    .dup_dropped_o(b_dup_dropped_o)
  );

endmodule
