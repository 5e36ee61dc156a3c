import CExecutorHook
import NIOCore
import NIOPosix

/// Runs Swift concurrency's global executor on NIO's singleton event loops: the same takeover as
/// `NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`, for
/// the program linked with `-static-stdlib`, where NIO's `dlsym` cannot find the runtime's hook
/// (the static runtime's symbols are not exported) and the takeover would silently not happen.
enum GlobalExecutorTakeover {
    /// The runtime's `swift_task_enqueueGlobal_hook` type, as NIO spells it.
    typealias EnqueueHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Sets the hook when none is set; whether it did.
    static func install() -> Bool {
        let hook: EnqueueHook = { job, _ in
            // `any()` is sticky: a job enqueued from an event loop stays on it (no thread hop).
            MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(job))
        }
        return withUnsafeBytes(of: hook) { bytes in
            wps_install_enqueue_global_hook(bytes.load(as: UnsafeRawPointer.self)) == 1
        }
    }
}
