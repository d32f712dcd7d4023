// Catch2 runner for the SystemC tests: libsystemc provides main() and calls sc_main(), which runs Catch2.
// Run each TEST_CASE in its own process (CTest does): SystemC cannot elaborate twice in one process.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <systemc>

#include <cstdlib>

namespace {
// SystemC prints its banner before sc_main(); it would also confuse Catch2's test listing.
const bool quiet_banner = setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0;
} // namespace

int sc_main(int argc, char* argv[])
{
    return Catch::Session().run(argc, argv);
}
