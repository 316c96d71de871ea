package policybot.knowledge;

/** The policy's header: what every answer can cite about the document itself. */
public record PolicyMetadata(String title, String version, String owner, String approvedBy,
                             String approvalDate, String directorate, String team, String contact,
                             String revision, String revisionDate, String revisionApprovedBy) {
}
