/// A password hash as the replaced service stored it: Python's bcrypt, `$2b$`, cost 12, over
/// base64(SHA-256("legacy1")).
enum LegacyFixture {
    static let hash = "$2b$12$SZjb/4ZwOyREHhv49aIUBe4utwOiscvwQEJrRTQj4tJMPzaFvMV/K"
}
