/// Woodpecker's REST API v2: one ``Endpoint`` type per documented operation.
///
/// | endpoint | type |
/// |---|---|
/// | `POST mailboxes/manual_connection/bulk` | ``SubmitManualBatch`` |
/// | `GET mailboxes/manual_connection/bulk/{batch_id}/summary` | ``GetBatchSummary`` |
/// | `POST mailboxes/microsoft/bulk` | ``ConnectMicrosoftMailboxes`` |
/// | `GET mailboxes`, `GET mailboxes/{id}` | ``ListMailboxes``, ``GetMailbox`` |
/// | `POST campaigns`, `GET/PATCH/DELETE campaigns/{id}` | ``CreateCampaign``, ``GetCampaign``, ``UpdateCampaign``, ``DeleteCampaign`` |
/// | `POST campaigns/{id}/pause|run|stop|make_editable` | ``CampaignAction`` |
/// | `POST campaigns/{id}/steps`, `DELETE campaigns/{id}/steps/{step_id}` | ``AddStep``, ``DeleteStep`` |
/// | `PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}` | ``UpdateVersion`` |
/// | `GET /rest/v1/me` | ``GetAccountInfo`` |
/// | `GET campaigns` (sandbox extension) | ``ListCampaigns`` |
/// | `GET inbox/messages`, `POST inbox/messages/{id}/reply` | ``ListInboxMessages``, ``ReplyToInboxMessage`` |
/// | `GET prospects/{id}/responses` | ``GetProspectResponses`` |
public enum Woodpecker {}
