// Wrappers that let Swift call glibc's libresolv: res_ninit, res_nquery and dn_expand are
// macros over their real names, the name server list is a C array in a union, and the parsed
// message's counts are read through macros.
#ifndef WPS_CRESOLV_SHIM_H
#define WPS_CRESOLV_SHIM_H

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

/// What a failed query tells apart (returned in *failure).
enum {
    WPS_DNS_NO_SUCH_NAME = 1,  // NXDOMAIN
    WPS_DNS_NO_DATA = 2,       // the name exists, without records of the type
    WPS_DNS_NO_ANSWER = 3,     // timeout, SERVFAIL or REFUSED: res_send moves to the next server (TRY_AGAIN)
    WPS_DNS_NO_RECOVERY = 4,   // NO_RECOVERY: FORMERR or NOTIMP, or a query that cannot be made (a name over 255 bytes)
    WPS_DNS_BAD_SERVER = 5,    // the server is not an IPv4 address
    WPS_DNS_INTERNAL = 6,      // the resolver could not be set up
};

/// Asks for `name`'s records of `type` (class IN) over UDP (TCP when the answer is truncated),
/// from the system's name servers, or from `server` (an IPv4 address) on `port` when it is not
/// NULL. Each call has its own resolver state, so calls may run on several threads at once.
/// Returns the answer's length, or -1 with *failure set to one of the WPS_DNS_ values.
static inline int wps_dns_query(const char *name, int type, const char *server, int port, int timeout,
                                int attempts, unsigned char *answer, int length, int *failure) {
    *failure = 0;
    struct __res_state *state = calloc(1, sizeof *state);
    if (state == NULL) { *failure = WPS_DNS_INTERNAL; return -1; }
    if (res_ninit(state) != 0) { free(state); *failure = WPS_DNS_INTERNAL; return -1; }
    if (server != NULL) {
        struct sockaddr_in address;
        memset(&address, 0, sizeof address);
        address.sin_family = AF_INET;
        address.sin_port = htons((unsigned short)port);
        if (inet_pton(AF_INET, server, &address.sin_addr) != 1) {
            res_nclose(state);
            free(state);
            *failure = WPS_DNS_BAD_SERVER;
            return -1;
        }
        state->nsaddr_list[0] = address;
        state->nscount = 1;
    }
    state->retrans = timeout;
    state->retry = attempts;
    int count = res_nquery(state, name, ns_c_in, type, answer, length);
    if (count < 0) {
        switch (state->res_h_errno) {
        case HOST_NOT_FOUND: *failure = WPS_DNS_NO_SUCH_NAME; break;
        case NO_DATA: *failure = WPS_DNS_NO_DATA; break;
        case NO_RECOVERY: *failure = WPS_DNS_NO_RECOVERY; break;
        default: *failure = WPS_DNS_NO_ANSWER; break;
        }
    }
    res_nclose(state);
    free(state);
    return count;
}

/// The number of records in a parsed message's answer section.
static inline int wps_ns_answer_count(const ns_msg *message) { return ns_msg_count(*message, ns_s_an); }

/// A record's RDATA offset from the start of the message (names in it are compressed against it).
static inline long wps_ns_rdata_offset(const ns_msg *message, const ns_rr *record) {
    return (long)(ns_rr_rdata(*record) - ns_msg_base(*message));
}

/// Expands the (possibly compressed) name at `offset` of the message into `out`; returns the
/// compressed name's length, or -1.
static inline int wps_dn_expand(const unsigned char *message, int length, long offset, char *out, int size) {
    if (offset < 0 || offset >= length) return -1;
    return dn_expand(message, message + length, message + offset, out, size);
}

#endif
