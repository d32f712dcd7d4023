/* Messages of the firmware update protocol on the manageability interconnect (mailbox packets, at most
 * MBOX_MAX_PAYLOAD bytes). Shared by the boot's recovery mode, the update agent of the images and the host
 * side. Every message starts with its type and a tag (the requester picks it; the answer repeats it, so a late
 * answer to an earlier request is told apart). Little-endian fields at their natural alignment.
 *
 * The recovery exchange (an update cell U repairing a cell R whose boot is in recovery mode):
 *   R -> all  UPD_STATUS (status RECOVERY_MODE and the reason), once on entering recovery mode and then as a
 *             heartbeat every UPD_HEARTBEAT_MS (OCP recovery's heartbeat)
 *   U -> R    UPD_GET_STATUS                       R -> U  UPD_STATUS
 *   U -> R    UPD_ENABLE (largest image size)      R enables its fabric link, opens its inbound window over
 *                                                  the RAM staging area for U only, and answers
 *             R -> U  UPD_ENABLE_ACK (result, window address and size)
 *   U         DMAs the image into the window over the fabric
 *   U -> R    UPD_IMAGE (length)                   R verifies it, writes it to a slot, makes that slot active
 *             R -> U  UPD_RESULT (result, reason, the installed version)
 *   U         resets R (the mailbox's remote reset packet); R boots the new image. */
#ifndef CELLVP_UPDATE_PROTO_H
#define CELLVP_UPDATE_PROTO_H

#include <stdint.h>

#include "cellvp/cell_map.h"
#include "cellvp/image_format.h"

#define UPD_GET_STATUS 0x01u
#define UPD_STATUS 0x81u
#define UPD_ENABLE 0x02u
#define UPD_ENABLE_ACK 0x82u
#define UPD_IMAGE 0x03u
#define UPD_RESULT 0x83u
#define UPD_DELEGATE 0x04u      /* tree strategy: "update these cells too" to a cell just updated */
#define UPD_DELEGATE_DONE 0x84u /* the delegate's report when it has finished them */

/* Results of UPD_ENABLE_ACK and UPD_RESULT. */
#define UPD_OK 0u
#define UPD_ERR_TOO_LARGE 1u /* the image cannot fit the staging area or a slot */
#define UPD_ERR_REJECTED 2u  /* the image failed its checks: the reason says why */
#define UPD_ERR_FLASH 3u     /* writing the slot or the metadata failed */
#define UPD_ERR_STATE 4u     /* out of protocol: UPD_IMAGE before UPD_ENABLE, or from another cell */

#define UPD_HEARTBEAT_MS 500u

/* Well-known receive window: the RAM staging area of every cell, at the same address in each (the boot's
 * recovery mode and the cell firmware open their window there). An update that does not wait for the
 * acknowledgement (claims 6, 13) writes there without having been told. */
#define UPD_STAGING_ADDR (CELL_RAM_BASE + CELL_RAM_STAGING_OFFSET)

struct upd_msg_status {
    uint8_t type; /* UPD_STATUS */
    uint8_t tag;
    uint8_t status; /* BOOT_STATUS_* (cellvp/boot_info.h) */
    uint8_t slot;   /* the slot running, 0xFF: none */
    uint16_t reason; /* BOOT_REASON_* */
    uint16_t heartbeat;
    struct image_version version; /* of the running image; zeros in recovery mode */
    uint32_t security_counter;    /* the stored anti-rollback counter */
};

struct upd_msg_enable {
    uint8_t type; /* UPD_ENABLE */
    uint8_t tag;
    uint8_t reserved[2];
    uint32_t image_size; /* bytes the update cell will send */
};

struct upd_msg_enable_ack {
    uint8_t type; /* UPD_ENABLE_ACK */
    uint8_t tag;
    uint8_t result; /* UPD_OK or UPD_ERR_* */
    uint8_t reserved;
    uint32_t window_addr; /* where to DMA the image in the receiver's map */
    uint32_t window_size;
};

struct upd_msg_image {
    uint8_t type; /* UPD_IMAGE */
    uint8_t tag;
    uint8_t reserved[2];
    uint32_t length; /* bytes written into the window from its start */
};

struct upd_msg_result {
    uint8_t type; /* UPD_RESULT */
    uint8_t tag;
    uint8_t result; /* UPD_OK or UPD_ERR_* */
    uint8_t slot;   /* the slot written */
    uint16_t reason; /* BOOT_REASON_* when rejected */
    uint16_t reserved;
    struct image_version version; /* of the installed image */
};

#define UPD_DELEGATE_MAX 56u /* target ids in one UPD_DELEGATE */

struct upd_msg_delegate {
    uint8_t type; /* UPD_DELEGATE */
    uint8_t tag;
    uint8_t count; /* ids that follow */
    uint8_t reserved;
    uint8_t targets[UPD_DELEGATE_MAX];
};

struct upd_msg_delegate_done {
    uint8_t type; /* UPD_DELEGATE_DONE */
    uint8_t tag;
    uint8_t ok;     /* cells updated */
    uint8_t failed; /* cells that failed */
};

#endif
