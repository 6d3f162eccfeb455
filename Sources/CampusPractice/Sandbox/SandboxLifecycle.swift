import Vapor

/// Stops the sandbox's threads when the application shuts down.
package struct SandboxLifecycle: LifecycleHandler {
    let sandbox: SQLiteSandbox

    package init(sandbox: SQLiteSandbox) {
        self.sandbox = sandbox
    }

    package func shutdownAsync(_ application: Application) async {
        await sandbox.shutdown()
    }
}
