/* Interrupt controller driver of a cell: see intc.h. */
#include "intc.h"

#include "cellvp/cell_map.h"

#define INTC_REG(offset) (*(volatile uint32_t *)(CELL_INTC_BASE + (offset)))

void intc_enable(unsigned hart, unsigned irq)
{
    INTC_REG(INTC_ENABLE(hart)) |= 1u << irq;
}

void intc_disable(unsigned hart, unsigned irq)
{
    INTC_REG(INTC_ENABLE(hart)) &= ~(1u << irq);
}

uint32_t intc_enabled(unsigned hart)
{
    return INTC_REG(INTC_ENABLE(hart));
}

void intc_set_enabled(unsigned hart, uint32_t mask)
{
    INTC_REG(INTC_ENABLE(hart)) = mask;
}

uint32_t intc_pending(void)
{
    return INTC_REG(INTC_PENDING);
}
