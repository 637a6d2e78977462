import Foundation

/// Writing to a socket whose reader may have gone: the write fails with its reason instead of
/// killing kpidash with SIGPIPE, so the failure can be reported. Used for SMTP and for the socket
/// pair that feeds sendmail.
enum SocketWriter {
    /// Darwin has no `MSG_NOSIGNAL`; the socket itself is told instead.
    static func preventSIGPIPE(on socket: Int32) {
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    #if os(Linux)
        private static let flags = Int32(MSG_NOSIGNAL)
    #else
        private static let flags: Int32 = 0
    #endif

    /// Writes all of `bytes`, calling `ready` before each attempt (to wait on a non-blocking
    /// socket); nil when all were written, else why not.
    static func sendAll<E: Error>(_ bytes: [UInt8], to socket: Int32, ready: () throws(E) -> Void) throws(E) -> String?
    {
        var sent = 0
        while sent < bytes.count {
            try ready()
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, flags) }
            guard count > 0 else {
                if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                return String(cString: strerror(errno))
            }
            sent += count
        }
        return nil
    }
}
