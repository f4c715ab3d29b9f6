/*
 * ACPI oracle: builds a PVH guest's ACPI tables with the acpi_build_tables and dsdt_pvh
 * that Debian's libxenlight 4.17 exports, set up the way libxl__dom_load_acpi sets them up
 * (tables from one page above ACPI_INFO_PHYSICAL_ADDRESS, a bump allocator over 16 pages,
 * local APIC ids 2 * vCPU, ACPI revision 5, no table flags), and prints the three blobs
 * libxl would hand to the domain builder, one per line: "rsdp HEX", "info HEX",
 * "tables HEX". The Java test compares xlj's own tables with these bytes.
 *
 * libacpi's header is not installed: the two structs below are our declaration of its
 * 4.17 ABI (tools/libacpi/libacpi.h).
 *
 * Usage: acpi_oracle NR_VCPUS ONLINE_MASK APIC_MODE
 */
#define __XEN_TOOLS__ 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/xen.h>
#include <xen/hvm/hvm_info_table.h>

struct acpi_ctxt {
    struct {
        void *(*alloc)(struct acpi_ctxt *ctxt, uint32_t size, uint32_t align);
        void (*free)(struct acpi_ctxt *ctxt, void *v, uint32_t size);
        unsigned long (*v2p)(struct acpi_ctxt *ctxt, void *v);
    } mem_ops;
};

struct acpi_config {
    const unsigned char *dsdt_anycpu;
    unsigned int dsdt_anycpu_len;
    const unsigned char *dsdt_15cpu;
    unsigned int dsdt_15cpu_len;
    uint32_t pci_start, pci_len;
    uint64_t pci_hi_start, pci_hi_len;
    uint32_t table_flags;
    uint8_t acpi_revision;
    uint64_t vm_gid[2];
    unsigned long vm_gid_addr;
    struct {
        uint32_t addr;
        uint32_t length;
    } pt;
    struct {
        uint32_t nr_vmemranges;
        uint32_t nr_vnodes;
        const unsigned int *vcpu_to_vnode;
        const unsigned int *vdistance;
        const void *vmemrange;
    } numa;
    const struct hvm_info_table *hvminfo;
    const uint16_t *tis_hdr;
    unsigned long infop;
    unsigned long rsdp;
    uint32_t (*lapic_id)(unsigned cpu);
    uint32_t lapic_base_address;
    uint32_t ioapic_base_address;
    uint16_t pci_isa_irq_mask;
    uint8_t ioapic_id;
};

extern int acpi_build_tables(struct acpi_ctxt *ctxt, struct acpi_config *config);
extern const unsigned char dsdt_pvh[];
extern const unsigned int dsdt_pvh_len;

#define PAGE 4096UL
#define PAGES 16
#define INFO_ADDR 0xfc000000UL

/* Our allocator, with the behaviour of libxl's: the cursor stays on the last byte. */
static struct {
    struct acpi_ctxt c;
    unsigned long start, curr, end;
    unsigned char *buf;
} mem;

static void *alloc(struct acpi_ctxt *ctxt, uint32_t size, uint32_t align)
{
    unsigned long s, e;

    (void)ctxt;
    if (align < 16)
        align = 16;
    s = (mem.curr + align - 1) & ~((unsigned long)align - 1);
    e = s + size - 1;
    if (e < s || e >= mem.end)
        return NULL;
    mem.curr = e;
    return mem.buf + (s - mem.start);
}

static void release(struct acpi_ctxt *ctxt, void *v, uint32_t size)
{
    (void)ctxt; (void)v; (void)size;
}

static unsigned long v2p(struct acpi_ctxt *ctxt, void *v)
{
    (void)ctxt;
    return mem.start + ((unsigned char *)v - mem.buf);
}

static uint32_t lapic_id(unsigned cpu)
{
    return cpu * 2;
}

static void hex(const char *what, const unsigned char *p, size_t n)
{
    printf("%s ", what);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    struct acpi_config config;
    struct hvm_info_table hvminfo;
    unsigned char *rsdp = calloc(1, PAGE), *info = calloc(1, PAGE);
    unsigned long mask;
    unsigned pages;

    if (argc != 4) {
        fprintf(stderr, "usage: acpi_oracle NR_VCPUS ONLINE_MASK APIC_MODE\n");
        return 2;
    }
    memset(&config, 0, sizeof(config));
    memset(&hvminfo, 0, sizeof(hvminfo));
    hvminfo.nr_vcpus = atoi(argv[1]);
    mask = strtoul(argv[2], NULL, 0);
    memcpy(hvminfo.vcpu_online, &mask, sizeof(mask));
    hvminfo.apic_mode = atoi(argv[3]);

    config.dsdt_anycpu = config.dsdt_15cpu = dsdt_pvh;
    config.dsdt_anycpu_len = config.dsdt_15cpu_len = dsdt_pvh_len;
    config.hvminfo = &hvminfo;
    config.lapic_base_address = 0xfee00000;
    config.lapic_id = lapic_id;
    config.acpi_revision = 5;
    config.rsdp = (unsigned long)rsdp;
    config.infop = (unsigned long)info;

    mem.c.mem_ops.alloc = alloc;
    mem.c.mem_ops.free = release;
    mem.c.mem_ops.v2p = v2p;
    mem.buf = calloc(PAGES, PAGE);
    mem.start = mem.curr = INFO_ADDR + PAGE;
    mem.end = mem.start + PAGES * PAGE;

    if (acpi_build_tables(&mem.c, &config)) {
        fprintf(stderr, "acpi_build_tables failed\n");
        return 1;
    }
    pages = (((mem.curr + PAGE - 1) & ~(PAGE - 1)) - mem.start) / PAGE;
    hex("rsdp", rsdp, 64);
    hex("info", info, PAGE);
    hex("tables", mem.buf, pages * PAGE);
    return 0;
}
