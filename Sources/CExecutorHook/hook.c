#include "CExecutorHook.h"
#include <stdatomic.h>
#include <stddef.h>

// Defined by the Swift concurrency runtime (libswift_Concurrency): called for every job
// enqueued on the global executor when set.
extern _Atomic(const void *) swift_task_enqueueGlobal_hook;

int wps_install_enqueue_global_hook(const void *hook) {
    const void *expected = NULL;
    return atomic_compare_exchange_strong(&swift_task_enqueueGlobal_hook, &expected, hook) ? 1 : 0;
}
