// ELF reading through libelf: see elf_file.h.
#include "util/elf_file.h"

#include <gelf.h>
#include <libelf.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace cellvp {

namespace {
struct fd_closer {
    int fd;
    ~fd_closer()
    {
        if (fd >= 0) ::close(fd);
    }
};
struct elf_closer {
    void operator()(Elf* e) const { elf_end(e); }
};
} // namespace

elf_file::elf_file(const std::string& path) : m_path(path)
{
    if (elf_version(EV_CURRENT) == EV_NONE) throw elf_error("libelf is out of date");
    fd_closer fd{::open(path.c_str(), O_RDONLY)};
    if (fd.fd < 0) throw elf_error(path + ": cannot open: " + std::strerror(errno));
    std::unique_ptr<Elf, elf_closer> elf(elf_begin(fd.fd, ELF_C_READ, nullptr));
    if (!elf || elf_kind(elf.get()) != ELF_K_ELF) throw elf_error(path + ": not an ELF file");
    if (gelf_getclass(elf.get()) != ELFCLASS32)
        throw elf_error(path + ": a 64-bit ELF; cellvp runs rv32 programs (build with -march=rv32... -mabi=ilp32)");
    GElf_Ehdr eh;
    if (!gelf_getehdr(elf.get(), &eh)) throw elf_error(path + ": unreadable ELF header");
    if (eh.e_machine != EM_RISCV) throw elf_error(path + ": not a RISC-V program (e_machine " + std::to_string(eh.e_machine) + ")");
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB) throw elf_error(path + ": not little-endian");
    if (eh.e_type != ET_EXEC) throw elf_error(path + ": not an executable (ET_EXEC)");
    m_entry = uint32_t(eh.e_entry);

    size_t nph = 0;
    if (elf_getphdrnum(elf.get(), &nph) != 0) throw elf_error(path + ": unreadable program headers");
    for (size_t i = 0; i < nph; ++i) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf.get(), int(i), &ph)) throw elf_error(path + ": unreadable program header");
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
        if (ph.p_filesz > ph.p_memsz) throw elf_error(path + ": segment with file size above memory size");
        segment s;
        s.addr = uint32_t(ph.p_paddr);
        s.mem_size = uint32_t(ph.p_memsz);
        s.data.resize(ph.p_filesz);
        if (ph.p_filesz) {
            if (::pread(fd.fd, s.data.data(), ph.p_filesz, off_t(ph.p_offset)) != ssize_t(ph.p_filesz))
                throw elf_error(path + ": truncated (a segment reaches past the end of the file)");
        }
        m_segments.push_back(std::move(s));
    }
    if (m_segments.empty()) throw elf_error(path + ": no loadable segment");

    Elf_Scn* scn = nullptr;
    while ((scn = elf_nextscn(elf.get(), scn)) != nullptr) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB) continue;
        Elf_Data* data = elf_getdata(scn, nullptr);
        if (!data || sh.sh_entsize == 0) continue;
        size_t n = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < n; ++i) {
            GElf_Sym sym;
            if (!gelf_getsym(data, int(i), &sym)) continue;
            const char* name = elf_strptr(elf.get(), sh.sh_link, sym.st_name);
            if (name && *name && sym.st_shndx != SHN_UNDEF) m_symbols.emplace(name, uint32_t(sym.st_value));
        }
    }
}

std::optional<uint32_t> elf_file::symbol(const std::string& name) const
{
    auto it = m_symbols.find(name);
    if (it == m_symbols.end()) return std::nullopt;
    return it->second;
}

} // namespace cellvp
