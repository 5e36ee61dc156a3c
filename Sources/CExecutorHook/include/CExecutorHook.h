#ifndef WPS_EXECUTOR_HOOK_H
#define WPS_EXECUTOR_HOOK_H

/// Sets the Swift concurrency runtime's `swift_task_enqueueGlobal_hook` to `hook` when no hook is
/// set yet; returns 1 when it did, 0 otherwise. Linked against the runtime directly, so it works
/// where the symbol is not exported (a program linked with `-static-stdlib`), unlike a `dlsym`.
int wps_install_enqueue_global_hook(const void *hook);

#endif
