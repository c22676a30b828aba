// Strings of the documents and evidence panel on the case pages (see ../../i18n.js, part "documents").
export default {
  "documents.title": "Documents and evidence",
  "documents.intro":
    "Add contracts, receipts, letters or photos that matter to the dispute. You choose who sees each file: everyone in the case, or only the mediator.",
  "documents.intro_mediator":
    "Files the parties and you added to the case. A party's file marked “only the mediator” is shown to you and to that party alone.",
  "documents.empty": "No documents yet.",
  "documents.choose": "File or photo",
  "documents.types": "PDF, JPEG, PNG or WebP, up to {size}. On a phone you can take a photo.",
  "documents.who_sees": "Who may see it",
  "documents.share_everyone": "Everyone in the case",
  "documents.share_mediator": "Only the mediator",
  "documents.share_me": "Only me (the mediator)",
  "documents.kept_as_sent":
    "The file is kept exactly as you send it, with its details (for a photo: when and where it was taken). Its fingerprint (SHA-256) is recorded in the case.",
  "documents.upload": "Upload",
  "documents.none_chosen": "Choose a file first.",
  "documents.uploaded": "“{name}” is added to the case.",
  "documents.by_me": "Added by you",
  "documents.by.claimant": "Added by the claimant",
  "documents.by.respondent": "Added by the respondent",
  "documents.by.mediator": "Added by the mediator",
  "documents.size_kb": "{n} KB",
  "documents.size_mb": "{n} MB",
  "documents.shared.everyone": "seen by everyone in the case",
  "documents.shared.mediator": "seen only by the mediator",
  "documents.hash": "SHA-256: {hash}",
  "documents.withdrawn": "Withdrawn",
  "documents.share": "Show to everyone",
  "documents.withdraw": "Withdraw",
  "documents.withdraw_confirm":
    "Withdraw “{name}”? The file will be deleted. The case record keeps that it was added and withdrawn.",
  "documents.share_confirm":
    "Show “{name}” to everyone in the case? This cannot be undone: once others have seen it, it stays shared.",
  "documents.shared_done": "The document is now shown to everyone in the case.",
  "documents.changed": "The list of documents has changed.",
  "documents.withdrawn_done": "The document is withdrawn.",
  "documents.refused.document_type_not_allowed": "This file is not a PDF, JPEG, PNG or WebP file. Choose another file.",
  "documents.refused.document_type_mismatch":
    "The file's content does not match its type. Save it again as PDF or as a photo and try once more.",
  "documents.refused.document_damaged": "This file cannot be opened: it is incomplete or damaged. Send the whole file.",
  "documents.refused.document_encrypted": "This PDF is protected by a password. Send a copy without a password.",
  "documents.refused.document_too_large": "This file is too large. Send a smaller file or a smaller scan.",
  "documents.refused.case_documents_full":
    "Your documents in this case take all the space allowed. Withdraw one you no longer need.",
  "documents.refused.document_not_found": "This document is not available.",
  "documents.refused.document_withdrawn": "This document has been withdrawn.",
  "documents.refused.document_already_shared": "This document is already shown to everyone.",
  "documents.refused.not_document_owner": "Only the person who added a document can share or withdraw it.",
  "documents.refused.empty_body": "The file is empty. Choose another file.",
};
