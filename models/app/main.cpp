// The `cellvp` command: one executable, one subcommand per workflow.
#include "app/image_cmd.h"
#include "app/report.h"
#include "app/run_cells.h"
#include "app/run_elf.h"
#include "app/run_scenario.h"
#include "app/sweep.h"
#include "fabric/fabric.h"

#include <CLI/CLI.hpp>
#include <systemc>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#ifndef CELLVP_VERSION
#define CELLVP_VERSION "0.0.0"
#endif
#ifndef CELLVP_IMAGE_DIR
#define CELLVP_IMAGE_DIR "images"
#endif
#ifndef CELLVP_FIRMWARE_DIR
#define CELLVP_FIRMWARE_DIR "firmware"
#endif

namespace {

// Where the bundled firmware lives: $CELLVP_FIRMWARE_DIR, else the build's firmware folder.
std::string firmware_dir()
{
    const char* env = std::getenv("CELLVP_FIRMWARE_DIR");
    return env && *env ? env : CELLVP_FIRMWARE_DIR;
}

void add_machine_options(CLI::App* cmd, cellvp::run_elf_options& o)
{
    cmd->add_option("--max-instructions", o.max_instructions, "Stop a runaway program after N instructions (exit 124)");
    cmd->add_option("--quantum-us", o.quantum_us, "Time quantum: how far the hart may run ahead of SystemC")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--clock-mhz", o.clock_mhz, "Hart clock frequency")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option_function<std::string>(
           "--misaligned", [&o](const std::string& v) { o.trap_misaligned = v == "trap"; },
           "Misaligned loads/stores: carried out (emulate, as with Zicclsm) or trapped (trap)")
        ->check(CLI::IsMember({"emulate", "trap"}))
        ->default_str("emulate");
    cmd->add_flag_callback("--no-dmi", [&o] { o.dmi = false; }, "Every access through b_transport (slow; for checking)");
}

// SystemC prints its banner before sc_main() runs, unless told not to: tell it during static initialisation.
const bool quiet_systemc_banner = setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0;

// SystemC's messages go to stderr, prefixed like ours, so that stdout carries only what the program printed.
void report_to_stderr(const sc_core::sc_report& rep, const sc_core::sc_actions& actions)
{
    if (actions & sc_core::SC_DISPLAY) {
        static const char* const severity[] = {"info", "warning", "error", "fatal"};
        std::cerr << "cellvp: " << severity[rep.get_severity()] << ": " << rep.get_msg_type() << ": " << rep.get_msg() << "\n";
    }
    sc_core::sc_report_handler::default_handler(rep, actions & ~sc_core::sc_actions(sc_core::SC_DISPLAY));
}

} // namespace

int sc_main(int argc, char* argv[])
{
    // SystemC's own chatter ("simulation stopped by user") is not for our users.
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    sc_core::sc_report_handler::set_handler(report_to_stderr);

    CLI::App app{"cellvp: a virtual platform of a multi-cell server, for high-availability firmware"};
    app.set_version_flag("--version", CELLVP_VERSION);
    app.require_subcommand(1);
    app.footer("Each command has its own --help. A command line that does not parse is refused with a message and a "
               "status from 101 to 115 (CLI11's usage errors: 105 a bad value, 106 a missing argument, 109 an unknown one). Documentation: README.md; scenarios: testbench/scenarios/README.md; "
               "waveforms: traces/README.md");

    cellvp::run_elf_options elf;
    CLI::App* run_elf = app.add_subcommand("run-elf", "Run one RV32 program on the bare machine; exit with its tohost code");
    run_elf->add_option("program", elf.program, "RV32 ELF with a tohost symbol")->required();
    run_elf->add_option("--stats", elf.stats_file, "Write instret, cycles, sim_time_s, wall_s, mips as JSON");
    run_elf->add_option("--trace-instructions", elf.trace_file, "Write a commit log (pc, instruction, register written)");
    add_machine_options(run_elf, elf);
    run_elf->add_flag("--summary", elf.print_summary, "Print the figures on stderr after the run");
    run_elf->add_option("--gdb", elf.gdb_port, "Wait for GDB (target remote :PORT) on 127.0.0.1:PORT, start halted")
        ->check(CLI::Range(0, 65535))
        ->type_name("PORT");
    run_elf->footer("Exit status: the program's tohost code; 124 stopped by --max-instructions; 125 the program or an "
                    "option cannot be used, or the run ended without a result (README.md, cellvp run-elf)");

    cellvp::run_elf_options demo;
    CLI::App* demo_cmd = app.add_subcommand("demo", "Run the bundled firmware demo on the bare machine and print its figures");
    add_machine_options(demo_cmd, demo);

    cellvp::run_cells_options cells;
    CLI::App* run_cells =
        app.add_subcommand("run-cells", "Run one program on every cell of a small system (firmware tests of the cell)");
    run_cells->add_option("program", cells.program, "RV32 ELF linked for a cell's flash or RAM, with a tohost symbol")
        ->required();
    run_cells->add_option("--cells", cells.cells, "Number of cells (ids 0..N-1)")->capture_default_str()->check(CLI::Range(1, 64));
    run_cells->add_option("--harts", cells.harts, "Harts per cell")->capture_default_str()->check(CLI::Range(1, 4));
    run_cells->add_option("--max-time", cells.max_time_s, "Simulated seconds before giving up (exit 124)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    run_cells->add_option("--quantum-us", cells.quantum_us, "Time quantum")->capture_default_str()->check(CLI::PositiveNumber);
    run_cells->add_option("--clock-mhz", cells.clock_mhz, "Hart clock")->capture_default_str()->check(CLI::PositiveNumber);
    run_cells->add_option("--mgmt-bit-rate", cells.mgmt_bit_rate, "Manageability bus bit rate in Hz (100 kHz .. 12.5 MHz)");
    run_cells->add_option("--stats", cells.stats_file, "Write per-cell figures as JSON");
    run_cells->add_option("--log-dir", cells.log_dir, "Write each cell's console to DIR/cellN.log");
    run_cells->add_flag("--quiet", cells.quiet, "Do not echo the consoles");
    run_cells->add_option("--nvram-dir", cells.nvram_dir,
                          "Keep each cell's NVRAM in DIR/cellN.nvram across runs (loaded if present, saved at the end)");
    run_cells->add_option("--flash-image", cells.flash_image, "Load this whole-device flash image into every cell first");
    run_cells->add_option("--slot", cells.slots,
                          "Store a firmware image (cellvp image pack) in an image slot: [CELL:]A=FILE or [CELL:]B=FILE "
                          "(without CELL: every cell); with the boot firmware (boot.elf) as the program")
        ->type_name("[CELL:]SLOT=FILE");
    run_cells->add_option("--console-input", cells.console_input,
                          "Scripted console input ID@MS:TEXT (\\n for a newline); repeatable");
    run_cells->add_option("--interactive", cells.interactive, "Cell whose console reads the terminal (stdin)");
    // The widths the link RTL is built for (one verilated model each), named in the message.
    const CLI::Validator lane_width(
        [](std::string& v) -> std::string {
            for (unsigned w : cellvp::fabric::fabric::lane_widths)
                if (v == std::to_string(w)) return "";
            return "the fabric's lane width must be one of " + cellvp::fabric::fabric::lane_widths_text() +
                   " bits per clock (the widths the link RTL is built for), not " + v;
        },
        "{" + cellvp::fabric::fabric::lane_widths_text() + "}");
    run_cells->add_option("--fabric-lane-bits", cells.fabric_lane_bits,
                          "Fabric lane width in bits per lane clock; the line rate is this x --fabric-clock-mhz")
        ->capture_default_str()
        ->check(lane_width);
    run_cells->add_option("--fabric-clock-mhz", cells.fabric_clock_mhz, "Fabric lane clock")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 4000.0));
    run_cells->add_option("--fabric-max-payload", cells.fabric_max_payload,
                          "Largest packet payload of the cells' fabric ports, bytes (64 to 4096, a multiple of 4)")
        ->capture_default_str()
        ->check(CLI::Range(64, 4096));
    run_cells->add_option("--fabric-ber", cells.fabric_ber, "Bit error rate on every fabric wire (seeded)")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 0.01));
    run_cells->add_option("--fabric-drop", cells.fabric_drops,
                          "Kill both wires of fabric link N from START us for DURATION us: N@START:DURATION; repeatable");
    run_cells->add_flag("--no-fabric", cells.no_fabric, "Build the system without the fabric (its ports stay down)");
    run_cells->add_option("--fabric-trace", cells.fabric_trace,
                          "Write waveforms of every fabric link's RTL (vcd, or fst for long runs) into --trace-dir")
        ->check(CLI::IsMember({"vcd", "fst"}));
    run_cells->add_option("--trace-dir", cells.trace_dir, "Folder for waveforms (fabric_linkN.vcd/.fst)")
        ->capture_default_str()
        ->check(CLI::ExistingDirectory);
    run_cells->add_option("--seed", cells.seed, "Seed of every random choice (fabric bit errors)")->capture_default_str();
    run_cells->add_option("--gdb", cells.gdb_port, "Wait for GDB on 127.0.0.1:PORT; the --gdb-cell's harts are its threads")
        ->check(CLI::Range(0, 65535))
        ->type_name("PORT");
    run_cells->add_option("--gdb-cell", cells.gdb_cell, "Cell that --gdb debugs")->capture_default_str();

    run_cells->footer("Exit status: 0 every cell reported 0 through tohost; else the first non-zero code (in cell "
                      "order); 124 a cell did not report within --max-time; 125 the program or an option cannot be used (README.md, cellvp run-cells)");

    cellvp::run_scenario_options scen;
    scen.images_dir = CELLVP_IMAGE_DIR;
    scen.cellvp_version = CELLVP_VERSION;
    uint64_t scen_seed = 0;
    CLI::App* run_cmd = app.add_subcommand(
        "run", "Run a scenario (testbench/scenarios/README.md): build its system, run the update, check the outcome");
    run_cmd->add_option("scenario", scen.scenario, "Scenario file (TOML)")->required();
    run_cmd->add_option("--out", scen.out_dir, "Output folder: metrics.json, cellN.log, events.log (default out/NAME)");
    CLI::Option* seed_opt =
        run_cmd->add_option("--seed", scen_seed, "Seed of every random choice (overrides system.seed)");
    run_cmd->add_option("--set", scen.sets, "Override a scenario field by dotted path (system.cells=16); repeatable")
        ->type_name("KEY=VALUE");
    run_cmd->add_option("--images", scen.images_dir, "Folder where release names (cellfw-1.0) resolve to NAME.img")
        ->capture_default_str();
    run_cmd->add_flag("--quiet", scen.quiet, "No console echo and no summary on stdout");
    CLI::Option* trace_opt =
        run_cmd->add_option("--trace", scen.trace,
                            "Write waveforms into the output folder: the system view (system.vcd, system.gtkw) and "
                            "every fabric link's RTL (fabric_linkN.vcd); --trace=fst for FST, smaller, for long runs "
                            "(traces/README.md)")
            ->expected(0, 1)
            ->check(CLI::IsMember({"vcd", "fst"}))
            ->type_name("[=vcd|fst]");
    run_cmd->add_option("--trace-from", scen.trace_from, "Start of the traced window (a time: 250us, 1.5ms, 2s)")
        ->type_name("TIME");
    run_cmd->add_option("--trace-to", scen.trace_to, "End of the traced window (a time)")->type_name("TIME");

    run_cmd->footer("Exit status: 0 the scenario's expectations hold; 1 they do not (each named on stderr); 125 the "
                    "scenario or an option cannot be used (file, line and field named). Output: DIR/metrics.json, "
                    "DIR/cellN.log, DIR/events.log, and with --trace the waveforms (testbench/scenarios/README.md)");
    run_cmd->add_option("--gdb", scen.gdb_port, "Wait for GDB on 127.0.0.1:PORT; the --gdb-cell's harts are its threads")
        ->check(CLI::Range(0, 65535))
        ->type_name("PORT");
    run_cmd->add_option("--gdb-cell", scen.gdb_cell, "Cell that --gdb debugs")->capture_default_str();

    cellvp::sweep_options sweep;
    CLI::App* sweep_cmd = app.add_subcommand(
        "sweep", "Run a scenario at every point of a parameter grid, points in parallel; collect results.csv/.json");
    sweep_cmd->add_option("sweep", sweep.sweep_file, "Sweep file (TOML): base scenario and the parameters to vary")
        ->required();
    sweep_cmd->add_option("--out", sweep.out_dir, "Output folder: results.csv, results.json, point-N/ (default out/NAME)");
    sweep_cmd->add_option("--jobs", sweep.jobs, "Points run at once (default: the number of cores)");
    sweep_cmd->add_flag("--quiet", sweep.quiet, "No progress line and no summary on stdout");
    sweep_cmd->add_option("--slurm", sweep.slurm_script,
                          "Write a Slurm job array script (one point per array task) to FILE instead of running");
    sweep_cmd->add_flag("--collect", sweep.collect_only,
                        "Only collect the tables from OUT/point-N (after the Slurm array ran)");
    std::string sweep_images;
    sweep_cmd->add_option("--images", sweep_images, "Folder where release names resolve (passed to every point)");

    sweep_cmd->footer("Exit status: 0 every point passed; 1 a point failed (named on stderr, the others still run); "
                      "125 a malformed sweep file (README.md, cellvp sweep)");

    cellvp::image_cmd_options image;
    CLI::App* image_cmd = cellvp::add_image_command(app, image);

    cellvp::report_options report;
    CLI::App* report_cmd = cellvp::add_report_command(app, report);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (*run_elf) return cellvp::run_elf(elf);
        if (*run_cells) return cellvp::run_cells(cells);
        if (*run_cmd) {
            if (*seed_opt) scen.seed = scen_seed;
            if (*trace_opt && scen.trace.empty()) scen.trace = "vcd";
            scen.firmware_dir = firmware_dir();
            return cellvp::run_scenario(scen);
        }
        if (*image_cmd) return cellvp::run_image_command(*image_cmd, image);
        if (*report_cmd) return cellvp::run_report(report);
        if (*sweep_cmd) {
            sweep.cellvp = std::filesystem::read_symlink("/proc/self/exe").string();
            if (!sweep_images.empty()) sweep.run_args = {"--images", sweep_images};
            return cellvp::run_sweep(sweep);
        }
        if (*demo_cmd) {
            demo.program = firmware_dir() + "/demo.elf";
            demo.print_summary = true;
            return cellvp::run_elf(demo);
        }
    } catch (const std::exception& e) {
        std::cerr << "cellvp: " << e.what() << "\n";
        return cellvp::exit_cellvp_error;
    }
    return 0;
}
