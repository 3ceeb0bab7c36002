//! A best practice submitted to the district's bank (банк лучших практик).

code_enum! {
    /// Where a submitted practice stands: waiting for the coordinator, sent back to its author
    /// with a comment, published in the bank, or rejected.
    pub enum PracticeStatus {
        Pending => "pending",
        Returned => "returned",
        Published => "published",
        Rejected => "rejected",
    }
}
