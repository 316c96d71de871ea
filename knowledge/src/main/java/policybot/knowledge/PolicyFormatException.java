package policybot.knowledge;

/** The policy document does not have the shape the parser knows; the message says where. */
public final class PolicyFormatException extends RuntimeException {
    public PolicyFormatException(String message) {
        super(message);
    }
}
