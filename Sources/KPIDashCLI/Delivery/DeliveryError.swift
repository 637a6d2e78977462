/// Delivery failed: no mail program, a refusal, a timeout, a broken connection. Exit status 3.
struct DeliveryError: Error {
    var message: String
}
