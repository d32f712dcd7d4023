// One end of a fabric link: a data link layer modelled on PCIe's (12-bit sequence numbers, 32-bit LCRC,
// replay buffer, ACK/NAK, replay timer, retrain after the 4th consecutive replay, credit-based flow control)
// over a 32-bit-per-clock line, with enable and training. Framing and timers are described in rtl/README.md.
//
// Transmit: a packet from the transaction layer (tx_*) is stored whole in the replay buffer, then sent from
// there (store and forward: a replay and a first transmission take the same path). Receive: packets are
// streamed up (rx_*) one DW behind the line, so the LCRC verdict travels with the last DW (rx_drop_o);
// packets out of sequence or duplicated are not passed up at all.
//
// Simulation speed shapes two choices (the fabric is clocked from C++ many millions of times a second):
// registers are written from one clocked process rather than a next-state always_comb (Verilator then runs
// only the branches taken, once per clock: three times faster here), and the reset is synchronous (one
// trigger instead of two: 40 % faster again).
//
// Every input is registered before the logic uses it (the transmit beats in a two-entry skid buffer, so
// tx_ready_o is a register too): no logic depends combinationally on an input, which lets Verilator skip
// the whole next-state logic when it evaluates an input change, and costs one cycle of latency.
module link_endpoint #(
  parameter int unsigned MaxPayloadBytes = 4096,
  parameter int unsigned ReplayBufDw     = 8192, // a power of two: about 8 maximum packets
  parameter int unsigned RxCredits       = 8,    // receive buffers advertised to the peer, in packets
  parameter int unsigned AckLatency      = 64,   // cycles an ACK may wait to cover more packets
  parameter int unsigned TrainTs         = 8,    // training sets to exchange before the link is up
  parameter int unsigned FcPeriod        = 64,   // cycles between repeated UpdateFC DLLPs
  parameter int unsigned FcRepeat        = 4,    // UpdateFCs sent after each credit change
  parameter int unsigned LossErrors      = 16,   // consecutive framing errors that mean the line is lost
  // A sender stalled this long on credits asks for an UpdateFC (in case the last ones were all lost)
  parameter int unsigned FcReqTimeout    = 1024
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        enable_i,
  output logic        link_up_o,   // the data link layer is up (stays up while the line retrains)
  output logic        training_o,  // the line is (re)training

  input  logic        tx_valid_i,
  output logic        tx_ready_o,
  input  logic [31:0] tx_data_i,
  input  logic        tx_last_i,

  output logic        rx_valid_o,
  output logic [31:0] rx_data_o,
  output logic        rx_last_o,
  output logic [10:0] rx_len_dw_o,
  output logic        rx_drop_o,
  input  logic        rx_credit_i,

  output logic [31:0] line_tx_o,
  input  logic [31:0] line_rx_i,

  output logic        idle_o,

  output logic [31:0] tlps_sent_o,
  output logic [31:0] replays_o,
  output logic [31:0] naks_sent_o,
  output logic [31:0] naks_received_o,
  output logic [31:0] replay_timeouts_o,
  output logic [31:0] credit_stall_cycles_o,
  output logic [31:0] retrains_o,
  output logic [31:0] rx_errors_o,
  output logic [31:0] dup_dropped_o
);

  localparam int unsigned MaxPktDw = 3 + MaxPayloadBytes / 4;
  localparam int unsigned Aw = $clog2(ReplayBufDw);
  // PCIe sizes its replay timer to about three times the time an ACK can take: the peer may be sending a
  // maximum packet when ours arrives, then waits up to AckLatency.
  localparam int unsigned ReplayTimeout = 3 * (MaxPktDw + 2 + 2 + AckLatency + 8);

  localparam logic [7:0]  MarkStp = 8'hFB;
  localparam logic [7:0]  MarkSdp = 8'h5C;
  localparam logic [7:0]  MarkTs  = 8'h4A;
  localparam logic [31:0] Ei      = 32'hBCBC_BCBC; // electrical idle: this end is disabled
  localparam logic [7:0]  DllpAck = 8'h00;
  localparam logic [7:0]  DllpNak = 8'h10;
  localparam logic [7:0]  DllpFc  = 8'h80;
  localparam logic [7:0]  DllpFcReq = 8'h90; // not PCIe's: "please repeat your UpdateFC"

  typedef enum logic [1:0] {StDisabled, StTrain, StUp} link_st_e;
  typedef enum logic [2:0] {TxIdle, TxData, TxCrc, TxDllp1, TxTs1} tx_st_e;
  typedef enum logic [2:0] {RxIdle, RxData, RxCrc, RxDllp, RxTs} rx_st_e;

  // ---------------------------------------------------------------------------------------------------
  // State
  link_st_e st_q;
  logic     dl_up_q;

  // Registered inputs.
  logic          enable_q, credit_q;
  logic [32:0]   skid_mem [2];            // {last, data}
  logic [1:0]    skid_cnt_q;
  logic          skid_rd_q, skid_wr_q;
  logic          head_valid, head_last, pop;
  logic [31:0]   head_data;

  // Transmit side: replay buffer, sequence numbers, credits.
  logic [31:0]   rb_mem [ReplayBufDw];
  logic [Aw:0]   tbl_start [64];
  logic [10:0]   tbl_len [64];
  logic [Aw:0]   wr_ptr_q;     // next free DW (free-running, one bit wider than the index)
  logic [Aw:0]   acc_start_q;
  logic [10:0]   acc_cnt_q;
  logic          acc_busy_q;
  logic [11:0]   next_seq_q; // sequence number of the next packet accepted
  logic [11:0]   acked_q;       // last sequence number the peer acknowledged
  logic [11:0]   send_seq_q; // next packet to put on the line
  logic [11:0]   fc_limit_q; // peer's cumulative credit limit
  logic [11:0]   fc_used_q;   // packets we sent against it
  logic          replay_req_q;
  logic [1:0]    replay_num_q;
  logic [15:0]   replay_timer_q;

  tx_st_e        tx_st_q;
  logic [31:0]   line_q;
  logic [Aw:0]   rd_ptr_q;
  logic [10:0]   tx_left_q;
  logic [31:0]   tx_crc_q;
  logic [31:0]   tx_dw1_q;      // second DW of a DLLP or training set

  // Receive side.
  rx_st_e        rx_st_q;
  logic [11:0]   expected_q;  // next sequence number to accept
  logic [11:0]   rx_seq_q;
  logic [10:0]   rx_len_q;
  logic [10:0]   rx_cnt_q;
  logic [31:0]   rx_crc_q;
  logic [31:0]   rx_dw0_q;
  logic [31:0]   rx_hold_q;
  logic          rx_accept_q;
  logic          rx_valid_q, rx_last_q, rx_drop_q;
  logic [31:0]   rx_data_q;
  logic [4:0]    err_run_q;    // consecutive framing errors

  // DLLPs owed to the peer.
  logic          ack_pend_q, ack_now_q;
  logic [7:0]    ack_timer_q;
  logic          nak_pend_q, nak_sched_q;
  logic [11:0]   fc_adv_q;      // our cumulative credit limit
  logic [2:0]    fc_left_q;
  logic [7:0]    fc_timer_q;
  logic [10:0]   fc_req_timer_q;
  logic          fc_req_pend_q;

  // Training.
  logic [7:0]    ts_rx_q;        // training sets heard since (re)training began
  logic [7:0]    ts_seen_rx_q;
  logic [7:0]    ts_ready_tx_q; // sets we sent saying "ready"
  logic          peer_ready_q;   // the peer said "ready": it heard enough of us
  logic [2:0]    quiet_q;             // cycles without a training set from the peer (saturates)

  logic [31:0]   cnt_tlps_q, cnt_replays_q, cnt_naks_tx_q, cnt_naks_rx_q, cnt_timeouts_q, cnt_stall_q;
  logic [31:0]   cnt_retrains_q, cnt_rx_err_q, cnt_dup_q;

  // ---------------------------------------------------------------------------------------------------
  // Derived values.
  logic [11:0] buf_cnt;       // packets in the replay buffer (accepted, not yet acknowledged)
  logic [11:0] send_off;      // how far send_seq is past the oldest unacknowledged packet
  logic [11:0] credits_left;
  logic [Aw:0] tail_ptr;
  logic [Aw:0] used_dw;
  logic        credit_ok, space_ok, can_start;
  logic [11:0] ack_seq_p1;

  assign ack_seq_p1   = acked_q + 12'd1;
  assign buf_cnt      = next_seq_q - ack_seq_p1;
  assign send_off     = send_seq_q - ack_seq_p1;
  assign credits_left = fc_limit_q - fc_used_q;
  assign tail_ptr     = (buf_cnt == 12'd0) ? wr_ptr_q : tbl_start[ack_seq_p1[5:0]];
  assign used_dw      = wr_ptr_q - tail_ptr;
  assign credit_ok    = credits_left != 12'd0 && !credits_left[11];
  assign space_ok     = ({1'b0, used_dw} + (Aw + 2)'(MaxPktDw)) <= (Aw + 2)'(ReplayBufDw) && buf_cnt < 12'd63;
  assign can_start    = dl_up_q && !acc_busy_q && credit_ok && space_ok;

  assign head_valid = skid_cnt_q != 2'd0;
  assign head_data  = skid_mem[skid_rd_q][31:0];
  assign head_last  = skid_mem[skid_rd_q][32];
  assign pop        = head_valid && (acc_busy_q || can_start);
  assign tx_ready_o = dl_up_q && skid_cnt_q != 2'd2;

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      enable_q   <= 1'b0;
      credit_q   <= 1'b0;
      skid_cnt_q <= 2'd0;
      skid_rd_q  <= 1'b0;
      skid_wr_q  <= 1'b0;
    end else begin
      enable_q <= enable_i;
      credit_q <= rx_credit_i;
      if (!dl_up_q) begin
        skid_cnt_q <= 2'd0;
        skid_rd_q  <= 1'b0;
        skid_wr_q  <= 1'b0;
      end else begin
        skid_cnt_q <= skid_cnt_q + 2'(tx_valid_i && tx_ready_o) - 2'(pop);
        if (tx_valid_i && tx_ready_o) skid_wr_q <= !skid_wr_q;
        if (pop) skid_rd_q <= !skid_rd_q;
      end
    end
  end

  always_ff @(posedge clk_i) begin
    if (tx_valid_i && tx_ready_o) begin
      skid_mem[skid_wr_q] <= {tx_last_i, tx_data_i};
    end
  end

  function automatic logic [31:0] stp_token(logic [11:0] seq, logic [10:0] len);
    logic [30:0] body;
    body = {MarkStp, seq, len};
    return {body, ^body};
  endfunction

  // What the line transmitter would start next.
  logic [11:0] stp_seq;
  logic [31:0] stp_dw;
  logic        dllp_nak, dllp_ack, dllp_fc, dllp_fc_req;
  logic [31:0] tx_dllp_dw0;
  always_comb begin
    stp_seq     = (replay_req_q || send_off > buf_cnt) ? ack_seq_p1 : send_seq_q;
    stp_dw      = stp_token(stp_seq, tbl_len[stp_seq[5:0]]);
    dllp_nak    = nak_pend_q;
    dllp_ack    = !dllp_nak && ack_pend_q && (ack_now_q || 32'(ack_timer_q) >= AckLatency);
    dllp_fc     = !dllp_nak && !dllp_ack && fc_left_q != 3'd0 && 32'(fc_timer_q) >= FcPeriod;
    dllp_fc_req = !dllp_nak && !dllp_ack && !dllp_fc && fc_req_pend_q;
    tx_dllp_dw0 = dllp_nak ? {MarkSdp, DllpNak, 4'h0, expected_q - 12'd1} :
                  dllp_ack ? {MarkSdp, DllpAck, 4'h0, expected_q - 12'd1} :
                  dllp_fc  ? {MarkSdp, DllpFc, 4'h0, fc_adv_q} :
                             {MarkSdp, DllpFcReq, 16'h0};
  end


  // ---------------------------------------------------------------------------------------------------
  // Replay buffer writes (accept path) and the table of packets in it.
  always_ff @(posedge clk_i) begin
    if (pop) begin
      rb_mem[wr_ptr_q[Aw-1:0]] <= head_data;
    end
    if (pop && (head_last || acc_cnt_q + 11'd1 == 11'(MaxPktDw))) begin
      tbl_start[next_seq_q[5:0]] <= acc_busy_q ? acc_start_q : wr_ptr_q;
      tbl_len[next_seq_q[5:0]]   <= acc_cnt_q + 11'd1;
    end
  end

  // ---------------------------------------------------------------------------------------------------
  // The data link layer's state, as after a reset: a disabled link, or a peer that disabled its end, forgets
  // everything in flight (the transaction layer reports it).
  task automatic reset_dll();
    dl_up_q        <= 1'b0;
    wr_ptr_q       <= '0;
    acc_busy_q     <= 1'b0;
    acc_cnt_q      <= 11'd0;
    next_seq_q     <= 12'd0;
    acked_q        <= 12'hFFF;
    send_seq_q     <= 12'd0;
    fc_limit_q     <= 12'd0;
    fc_used_q      <= 12'd0;
    replay_req_q   <= 1'b0;
    replay_num_q   <= 2'd0;
    replay_timer_q <= 16'd0;
    tx_st_q        <= TxIdle;
    rx_st_q        <= RxIdle;
    expected_q     <= 12'd0;
    rx_valid_q     <= 1'b0;
    err_run_q      <= 5'd0;
    ack_pend_q     <= 1'b0;
    ack_now_q      <= 1'b0;
    ack_timer_q    <= 8'd0;
    nak_pend_q     <= 1'b0;
    nak_sched_q    <= 1'b0;
    fc_adv_q       <= 12'(RxCredits);
    fc_left_q      <= 3'd0;
    fc_timer_q     <= 8'd0;
    fc_req_timer_q <= 11'd0;
    fc_req_pend_q  <= 1'b0;
    ts_rx_q        <= 8'd0;
    ts_seen_rx_q   <= 8'd0;
    ts_ready_tx_q  <= 8'd0;
    peer_ready_q   <= 1'b0;
    quiet_q        <= 3'd0;
  endtask

  // Next state: one clocked process (registers are written where they change; the locals are this cycle's
  // decisions). Verilator then runs only the branches taken, once per clock.
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      reset_dll();
      st_q           <= StDisabled;
      acc_start_q    <= '0;
      line_q         <= Ei;
      rd_ptr_q       <= '0;
      tx_left_q      <= 11'd0;
      tx_crc_q       <= 32'h0;
      tx_dw1_q       <= 32'h0;
      rx_seq_q       <= 12'd0;
      rx_len_q       <= 11'd0;
      rx_cnt_q       <= 11'd0;
      rx_crc_q       <= 32'h0;
      rx_dw0_q       <= 32'h0;
      rx_hold_q      <= 32'h0;
      rx_accept_q    <= 1'b0;
      rx_last_q      <= 1'b0;
      rx_drop_q      <= 1'b0;
      rx_data_q      <= 32'h0;
      cnt_tlps_q     <= 32'd0;
      cnt_replays_q  <= 32'd0;
      cnt_naks_tx_q  <= 32'd0;
      cnt_naks_rx_q  <= 32'd0;
      cnt_timeouts_q <= 32'd0;
      cnt_stall_q    <= 32'd0;
      cnt_retrains_q <= 32'd0;
      cnt_rx_err_q   <= 32'd0;
      cnt_dup_q      <= 32'd0;
    end else begin
      logic [11:0] d_ack;
      logic        rx_good_crc;
      logic        rx_is_dup;
      logic        want_replay;
      logic        want_retrain;
      logic        dll_reset;
      logic        ts_ok;
      logic        ts_seen;
      logic        ts_ready;
      logic [31:0] ts_dw0;
      logic        ack_progress;
      logic        inc_tlps, inc_replays, inc_naks_tx, inc_naks_rx, inc_timeouts, inc_stall;
      logic        inc_retrains, inc_rx_err, inc_dup;
      // This cycle's values of the registers that the process writes before it has finished reading them. Read
      // through these copies, they need no shadow register in the verilated model (Verilator keeps one for a
      // register read after a non-blocking write in the same process, and copies it in and out every clock:
      // about 8 % of the instructions of a busy link's clock). Registers written only after their last read are read directly.
      logic        acc_busy_q_r;
      logic [10:0] acc_cnt_q_r;
      logic        ack_pend_q_r;
      logic [4:0]  err_run_q_r;
      logic [11:0] expected_q_r;
      logic [2:0]  fc_left_q_r;
      logic [10:0] fc_req_timer_q_r;
      logic [7:0]  fc_timer_q_r;
      logic        nak_sched_q_r;
      logic [11:0] next_seq_q_r;
      logic        peer_ready_q_r;
      logic [1:0]  replay_num_q_r;
      logic        replay_req_q_r;
      logic [15:0] replay_timer_q_r;
      logic        rx_accept_q_r;
      rx_st_e      rx_st_q_r;
      link_st_e    st_q_r;
      logic [7:0]  ts_ready_tx_q_r;
      logic [7:0]  ts_seen_rx_q_r;
      tx_st_e      tx_st_q_r;
      logic [Aw:0] wr_ptr_q_r;

      acc_busy_q_r      = acc_busy_q;
      acc_cnt_q_r       = acc_cnt_q;
      ack_pend_q_r      = ack_pend_q;
      err_run_q_r       = err_run_q;
      expected_q_r      = expected_q;
      fc_left_q_r       = fc_left_q;
      fc_req_timer_q_r  = fc_req_timer_q;
      fc_timer_q_r      = fc_timer_q;
      nak_sched_q_r     = nak_sched_q;
      next_seq_q_r      = next_seq_q;
      peer_ready_q_r    = peer_ready_q;
      replay_num_q_r    = replay_num_q;
      replay_req_q_r    = replay_req_q;
      replay_timer_q_r  = replay_timer_q;
      rx_accept_q_r     = rx_accept_q;
      rx_st_q_r         = rx_st_q;
      st_q_r            = st_q;
      ts_ready_tx_q_r   = ts_ready_tx_q;
      ts_seen_rx_q_r    = ts_seen_rx_q;
      tx_st_q_r         = tx_st_q;
      wr_ptr_q_r        = wr_ptr_q;

      line_q         <= 32'h0;
      rx_valid_q     <= 1'b0;
      rx_last_q      <= 1'b0;
      rx_drop_q      <= 1'b0;
      quiet_q        <= (line_rx_i[31:24] == MarkTs) ? 3'd0 : ((quiet_q == 3'd7) ? quiet_q : quiet_q + 3'd1);
      want_replay    = 1'b0;
      want_retrain   = 1'b0;
      dll_reset      = 1'b0;
      d_ack          = 12'h0;
      rx_good_crc    = 1'b0;
      rx_is_dup      = 1'b0;
      ts_ok          = 1'b0;
      ts_seen        = 1'b0;
      ts_ready       = 1'b0;
      ts_dw0         = 32'h0;
      ack_progress   = 1'b0;
      inc_tlps       = 1'b0;
      inc_replays    = 1'b0;
      inc_naks_tx    = 1'b0;
      inc_naks_rx    = 1'b0;
      inc_timeouts   = 1'b0;
      inc_stall      = 1'b0;
      inc_retrains   = 1'b0;
      inc_rx_err     = 1'b0;
      inc_dup        = 1'b0;

      // Accept path: the transaction layer fills the replay buffer.
      if (pop) begin
        wr_ptr_q <= wr_ptr_q_r + 1'b1;
        if (!acc_busy_q_r) begin
          acc_start_q <= wr_ptr_q_r;
          fc_used_q   <= fc_used_q + 12'd1;
        end
        if (head_last || acc_cnt_q_r + 11'd1 == 11'(MaxPktDw)) begin
          acc_busy_q <= 1'b0;
          acc_cnt_q  <= 11'd0;
          next_seq_q <= next_seq_q_r + 12'd1;
          inc_tlps   = 1'b1;
        end else begin
          acc_busy_q <= 1'b1;
          acc_cnt_q  <= acc_cnt_q_r + 11'd1;
        end
      end
      if (dl_up_q && head_valid && !acc_busy_q_r && !credit_ok) begin
        inc_stall      = 1'b1;
        if (32'(fc_req_timer_q_r) + 1 >= FcReqTimeout) begin
          fc_req_timer_q <= 11'd0;
          fc_req_pend_q  <= 1'b1;
        end else begin
          fc_req_timer_q <= fc_req_timer_q_r + 11'd1;
        end
      end else begin
        fc_req_timer_q <= 11'd0;
      end

      // Receive path.
      case (rx_st_q_r)
        RxIdle: begin
          if (line_rx_i == 32'h0) begin
            err_run_q <= 5'd0;
          end else if (line_rx_i == Ei) begin
            // The peer is disabled: the data link layer goes down with it.
            if (st_q_r != StDisabled && (dl_up_q || st_q_r == StUp)) begin
              dll_reset = 1'b1;
            end
          end else if (line_rx_i[31:24] == MarkTs) begin
            rx_dw0_q <= line_rx_i;
            rx_st_q  <= RxTs;
          end else if (st_q_r == StUp && line_rx_i[31:24] == MarkStp && ^line_rx_i == 1'b0 &&
                       line_rx_i[11:1] >= 11'd3 && line_rx_i[11:1] <= 11'(MaxPktDw)) begin
            err_run_q   <= 5'd0;
            rx_seq_q    <= line_rx_i[23:12];
            rx_len_q    <= line_rx_i[11:1];
            rx_cnt_q    <= 11'd0;
            rx_crc_q    <= link_pkg::lcrc_dw(32'hFFFF_FFFF, line_rx_i);
            rx_accept_q <= line_rx_i[23:12] == expected_q_r;
            rx_st_q     <= RxData;
          end else if (st_q_r == StUp && line_rx_i[31:24] == MarkSdp) begin
            err_run_q <= 5'd0;
            rx_dw0_q  <= line_rx_i;
            rx_st_q   <= RxDllp;
          end else if (st_q_r == StUp) begin
            // Framing error: a packet may have been lost.
            inc_rx_err = 1'b1;
            err_run_q  <= (err_run_q_r == 5'd31) ? err_run_q_r : err_run_q_r + 5'd1;
            if (!nak_sched_q_r) begin
              nak_pend_q  <= 1'b1;
              nak_sched_q <= 1'b1;
            end
            if (32'(err_run_q_r) + 1 >= LossErrors) begin
              want_retrain = 1'b1;
            end
          end
        end
        RxData: begin
          rx_crc_q  <= link_pkg::lcrc_dw(rx_crc_q, line_rx_i);
          rx_hold_q <= line_rx_i;
          if (rx_accept_q_r && rx_cnt_q != 11'd0) begin
            rx_valid_q <= 1'b1;
            rx_data_q  <= rx_hold_q;
          end
          if (rx_cnt_q + 11'd1 == rx_len_q) begin
            rx_st_q <= RxCrc;
          end
          rx_cnt_q  <= rx_cnt_q + 11'd1;
        end
        RxCrc: begin
          rx_st_q     <= RxIdle;
          rx_good_crc = line_rx_i == ~rx_crc_q;
          rx_is_dup   = (expected_q_r - rx_seq_q - 12'd1) < 12'd2048;
          if (rx_accept_q_r) begin
            rx_valid_q <= 1'b1;
            rx_last_q  <= 1'b1;
            rx_data_q  <= rx_hold_q;
            rx_drop_q  <= !rx_good_crc;
          end
          if (!rx_good_crc) begin
            inc_rx_err = 1'b1;
            if (!nak_sched_q_r) begin
              nak_pend_q  <= 1'b1;
              nak_sched_q <= 1'b1;
            end
          end else if (rx_accept_q_r) begin
            expected_q  <= expected_q_r + 12'd1;
            ack_pend_q  <= 1'b1;
            nak_sched_q <= 1'b0;
          end else if (rx_is_dup) begin
            inc_dup    = 1'b1;
            ack_pend_q <= 1'b1;
            ack_now_q  <= 1'b1;
          end else if (!nak_sched_q_r) begin
            // Ahead of the expected sequence number: one was lost.
            nak_pend_q  <= 1'b1;
            nak_sched_q <= 1'b1;
          end
        end
        RxDllp: begin
          rx_st_q <= RxIdle;
          if (line_rx_i != ~link_pkg::lcrc_dw(32'hFFFF_FFFF, rx_dw0_q)) begin
            inc_rx_err = 1'b1;
          end else if (st_q_r == StUp) begin
            d_ack = rx_dw0_q[11:0] - acked_q;
            if (rx_dw0_q[23:16] == DllpFc) begin
              fc_limit_q <= rx_dw0_q[11:0];
            end else if (rx_dw0_q[23:16] == DllpFcReq) begin
              fc_left_q  <= 3'(FcRepeat);
              fc_timer_q <= 8'(FcPeriod);
            end else if ((rx_dw0_q[23:16] == DllpAck || rx_dw0_q[23:16] == DllpNak) &&
                         d_ack <= buf_cnt) begin
              if (d_ack != 12'd0) begin
                // Forward progress: purge, restart the timer, forget earlier replays.
                acked_q        <= rx_dw0_q[11:0];
                ack_progress   = 1'b1;
                replay_num_q   <= 2'd0;
                replay_timer_q <= 16'd0;
              end
              if (rx_dw0_q[23:16] == DllpNak) begin
                inc_naks_rx = 1'b1;
                want_replay = 1'b1;
              end
            end
          end
        end
        RxTs: begin
          rx_st_q <= RxIdle;
          if (line_rx_i == ~rx_dw0_q) begin
            ts_ok    = 1'b1;
            ts_seen  = rx_dw0_q[16];
            ts_ready = rx_dw0_q[17];
          end
        end
        default: rx_st_q <= RxIdle;
      endcase

      // Replay timer: runs while sent packets wait for their ACK.
      if (st_q_r == StUp && send_off != 12'd0 && send_off <= buf_cnt && !ack_progress) begin
        replay_timer_q <= replay_timer_q_r + 16'd1;
        if (32'(replay_timer_q_r) + 1 >= ReplayTimeout) begin
          inc_timeouts = 1'b1;
          want_replay  = 1'b1;
        end
      end

      if (want_replay) begin
        replay_timer_q <= 16'd0;
        if (replay_num_q_r == 2'd3) begin
          // The 4th consecutive replay: retrain the link, then replay.
          want_retrain = 1'b1;
          replay_num_q <= 2'd0;
        end else begin
          replay_num_q <= replay_num_q_r + 2'd1;
        end
        replay_req_q <= 1'b1;
        inc_replays  = 1'b1;
      end

      // DLLP timers.
      if (ack_pend_q_r && ack_timer_q != 8'hFF) begin
        ack_timer_q <= ack_timer_q + 8'd1;
      end
      if (credit_q) begin
        fc_adv_q   <= fc_adv_q + 12'd1;
        fc_left_q  <= 3'(FcRepeat);
        fc_timer_q <= 8'(FcPeriod);
      end else if (fc_left_q_r != 3'd0 && fc_timer_q_r != 8'hFF) begin
        fc_timer_q <= fc_timer_q_r + 8'd1;
      end

      // Line transmitter.
      case (tx_st_q_r)
        TxIdle: begin
          if (st_q_r == StDisabled) begin
            line_q <= Ei;
          end else if (st_q_r == StTrain) begin
            ts_dw0   = {MarkTs, 6'd0, 32'(ts_seen_rx_q_r) >= TrainTs, ts_rx_q != 8'd0, 16'h4A4A};
            line_q   <= ts_dw0;
            tx_dw1_q <= ~ts_dw0;
            tx_st_q  <= TxTs1;
          end else begin
            if (dllp_nak) begin
              nak_pend_q  <= 1'b0;
              inc_naks_tx = 1'b1;
            end else if (dllp_ack) begin
              ack_pend_q  <= 1'b0;
              ack_now_q   <= 1'b0;
              ack_timer_q <= 8'd0;
            end else if (dllp_fc) begin
              fc_left_q   <= fc_left_q_r - 3'd1;
              fc_timer_q  <= 8'd0;
            end else if (dllp_fc_req) begin
              fc_req_pend_q <= 1'b0;
            end
            if (dllp_nak || dllp_ack || dllp_fc || dllp_fc_req) begin
              line_q   <= tx_dllp_dw0;
              tx_dw1_q <= ~link_pkg::lcrc_dw(32'hFFFF_FFFF, tx_dllp_dw0);
              tx_st_q  <= TxDllp1;
            end else begin
              // A replay starts at the oldest unacknowledged packet; an ACK may also have overtaken send_seq.
              if (replay_req_q_r) begin
                replay_req_q <= 1'b0;
              end
              send_seq_q <= stp_seq;
              if (stp_seq != next_seq_q_r) begin
                line_q      <= stp_dw;
                tx_crc_q    <= link_pkg::lcrc_dw(32'hFFFF_FFFF, stp_dw);
                rd_ptr_q    <= tbl_start[stp_seq[5:0]];
                tx_left_q   <= tbl_len[stp_seq[5:0]];
                tx_st_q     <= TxData;
              end
            end
          end
        end
        TxData: begin
          line_q      <= rb_mem[rd_ptr_q[Aw-1:0]];
          tx_crc_q    <= link_pkg::lcrc_dw(tx_crc_q, rb_mem[rd_ptr_q[Aw-1:0]]);
          rd_ptr_q    <= rd_ptr_q + 1'b1;
          if (tx_left_q == 11'd1) begin
            tx_st_q <= TxCrc;
          end
          tx_left_q   <= tx_left_q - 11'd1;
        end
        TxCrc: begin
          line_q     <= ~tx_crc_q;
          send_seq_q <= send_seq_q + 12'd1;
          tx_st_q    <= TxIdle;
        end
        TxDllp1: begin
          line_q  <= tx_dw1_q;
          tx_st_q <= TxIdle;
        end
        TxTs1: begin
          line_q  <= tx_dw1_q;
          tx_st_q <= TxIdle;
          if (tx_dw1_q[17] == 1'b0 && ts_ready_tx_q_r != 8'hFF) begin
            // (the complement of a set that said "ready")
            ts_ready_tx_q <= ts_ready_tx_q_r + 8'd1;
          end
        end
        default: tx_st_q <= TxIdle;
      endcase

      // Link training and state.
      case (st_q_r)
        StDisabled: begin
          if (enable_q) begin
            st_q <= StTrain;
          end
        end
        StTrain: begin
          if (ts_ok) begin
            if (ts_rx_q != 8'hFF) ts_rx_q <= ts_rx_q + 8'd1;
            if (ts_seen && ts_seen_rx_q_r != 8'hFF) ts_seen_rx_q <= ts_seen_rx_q_r + 8'd1;
            if (ts_ready) peer_ready_q <= 1'b1;
          end
          // Up when we heard enough of the peer, the peer says it heard enough of us, and we told it so
          // TrainTs times (so the last one to finish still hears a "ready" after the first has gone up).
          if (32'(ts_seen_rx_q_r) >= TrainTs && peer_ready_q_r && 32'(ts_ready_tx_q_r) >= TrainTs &&
              tx_st_q_r == TxIdle) begin
            st_q       <= StUp;
            dl_up_q    <= 1'b1;
            fc_left_q  <= 3'(FcRepeat);
            fc_timer_q <= 8'(FcPeriod);
            if (buf_cnt != 12'd0) begin
              replay_req_q <= 1'b1;
            end
          end
        end
        StUp: begin
          if (ts_ok && !ts_seen) begin
            // The peer began training again: join it.
            want_retrain = 1'b1;
          end else if (ts_ok) begin
            // The peer is finishing its training: make sure it hears our credits once it is up.
            fc_left_q  <= 3'(FcRepeat);
            fc_timer_q <= 8'(FcPeriod);
          end
        end
        default: st_q <= StDisabled;
      endcase

      if (want_retrain && st_q_r == StUp) begin
        if ((rx_st_q_r == RxData || rx_st_q_r == RxCrc) && rx_accept_q_r) begin
          // A packet cut short: end it, discarded, so the layer above never joins it to the next one.
          rx_valid_q <= 1'b1;
          rx_last_q  <= 1'b1;
          rx_drop_q  <= 1'b1;
        end
        st_q         <= StTrain;
        inc_retrains = 1'b1;
        ts_rx_q      <= 8'd0;
        ts_seen_rx_q <= 8'd0;
        ts_ready_tx_q <= 8'd0;
        peer_ready_q <= 1'b0;
        quiet_q      <= 3'd0;
        tx_st_q      <= TxIdle;
        rx_st_q      <= RxIdle;
        err_run_q    <= 5'd0;
        replay_req_q <= 1'b1;
      end

      if (!enable_q) begin
        dll_reset = 1'b1;
      end
      if (dll_reset) begin
        // Disabled, or the peer is: everything in flight is forgotten (the transaction layer reports it).
        reset_dll();
        st_q <= enable_q ? StTrain : StDisabled;
        if (!enable_q) begin
          line_q <= Ei;
        end
      end

      // Counters (wrap at 2^32).
      if (inc_tlps) cnt_tlps_q <= cnt_tlps_q + 32'd1;
      if (inc_replays) cnt_replays_q <= cnt_replays_q + 32'd1;
      if (inc_naks_tx) cnt_naks_tx_q <= cnt_naks_tx_q + 32'd1;
      if (inc_naks_rx) cnt_naks_rx_q <= cnt_naks_rx_q + 32'd1;
      if (inc_timeouts) cnt_timeouts_q <= cnt_timeouts_q + 32'd1;
      if (inc_stall) cnt_stall_q <= cnt_stall_q + 32'd1;
      if (inc_retrains) cnt_retrains_q <= cnt_retrains_q + 32'd1;
      if (inc_rx_err) cnt_rx_err_q <= cnt_rx_err_q + 32'd1;
      if (inc_dup) cnt_dup_q <= cnt_dup_q + 32'd1;
    end
  end

  assign link_up_o   = dl_up_q;
  assign training_o  = st_q == StTrain;
  assign line_tx_o   = line_q;
  assign rx_valid_o  = rx_valid_q;
  assign rx_data_o   = rx_data_q;
  assign rx_last_o   = rx_last_q;
  assign rx_drop_o   = rx_drop_q;
  assign rx_len_dw_o = rx_len_q;

  assign tlps_sent_o           = cnt_tlps_q;
  assign replays_o             = cnt_replays_q;
  assign naks_sent_o           = cnt_naks_tx_q;
  assign naks_received_o       = cnt_naks_rx_q;
  assign replay_timeouts_o     = cnt_timeouts_q;
  assign credit_stall_cycles_o = cnt_stall_q;
  assign retrains_o            = cnt_retrains_q;
  assign rx_errors_o           = cnt_rx_err_q;
  assign dup_dropped_o         = cnt_dup_q;

  // Idle: nothing would change if clocked on with the same inputs (the transactor then stops the clock).
  always_comb begin
    idle_o = 1'b0;
    unique case (st_q)
      StDisabled: idle_o = !enable_q;
      // Training with nobody answering (the peer disabled, or the wire dead) for longer than a peer in
      // training would stay silent: only our own sets go out.
      StTrain: idle_o = enable_q && rx_st_q == RxIdle && line_rx_i[31:24] != MarkTs && quiet_q == 3'd7 &&
                        !(line_rx_i == Ei && dl_up_q) && !peer_ready_q;
      StUp: idle_o = enable_q && tx_st_q == TxIdle && buf_cnt == 12'd0 && !acc_busy_q && !ack_pend_q &&
                     !nak_pend_q && fc_left_q == 3'd0 && !fc_req_pend_q && rx_st_q == RxIdle && line_rx_i == 32'h0 &&
                     !rx_valid_q && err_run_q == 5'd0 && !replay_req_q && !head_valid && !credit_q;
      default: idle_o = 1'b0;
    endcase
  end

endmodule
