/// Every migration Supple has ever shipped, oldest first. Append; never edit or reorder.
///
/// Portable conventions: ids are UUID strings in TEXT columns; instants are BIGINT milliseconds
/// since 1970 UTC; calendar dates are TEXT `YYYY-MM-DD`; flags are BOOLEAN.
public enum SchemaHistory {
    public static let all: [Migration] = [
        accountsAndSessions,
        intakesDecisionsAndAlerts,
        plansSessionsWalksCheckIns,
        careTeamAssignment,
        messagesNotesAndClinicianPlans,
        eligibilityRosters,
        readinessAndIdempotency,
        memberLanguage,
        signInThrottle,
        staffSecurity,
    ]

    static let accountsAndSessions = Migration(
        version: 1,
        name: "accounts and sessions",
        sql: [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                enrollment_mode TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                date_of_birth TEXT,
                organization_id TEXT REFERENCES organizations(id),
                consented_at BIGINT,
                created_at BIGINT NOT NULL,
                password_changed_at BIGINT NOT NULL,
                disabled_at BIGINT
            )
            """,
            "CREATE INDEX accounts_role ON accounts (role, created_at)",
            """
            CREATE TABLE web_sessions (
                token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX web_sessions_account ON web_sessions (account_id)",
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                label TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                last_used_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_account ON api_tokens (account_id)",
            """
            CREATE TABLE one_time_links (
                token_hash TEXT PRIMARY KEY,
                purpose TEXT NOT NULL,
                email TEXT NOT NULL,
                account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
                role TEXT,
                created_by TEXT REFERENCES accounts(id),
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX one_time_links_email ON one_time_links (purpose, email)",
            """
            CREATE TABLE sign_in_failures (
                email TEXT NOT NULL,
                failed_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at)",
            """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                occurred_at BIGINT NOT NULL,
                actor_id TEXT,
                action TEXT NOT NULL,
                subject_account_id TEXT,
                detail TEXT NOT NULL,
                client_address TEXT
            )
            """,
            "CREATE INDEX audit_events_subject ON audit_events (subject_account_id, occurred_at)",
        ]
    )

    static let intakesDecisionsAndAlerts = Migration(
        version: 2,
        name: "intakes, engine decisions and care-team alerts",
        sql: [
            """
            CREATE TABLE intakes (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                status TEXT NOT NULL,
                answers TEXT NOT NULL,
                furthest_step INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                submitted_at BIGINT
            )
            """,
            "CREATE INDEX intakes_account ON intakes (account_id, status)",
            """
            CREATE TABLE decisions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                intake_id TEXT NOT NULL REFERENCES intakes(id) ON DELETE CASCADE,
                tier TEXT NOT NULL,
                program_status TEXT NOT NULL,
                engine_version TEXT NOT NULL,
                decision TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX decisions_account ON decisions (account_id, created_at)",
            """
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                severity TEXT NOT NULL,
                audience TEXT NOT NULL,
                reason TEXT NOT NULL,
                source TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                resolved_at BIGINT,
                resolved_by TEXT REFERENCES accounts(id),
                resolution_note TEXT
            )
            """,
            "CREATE INDEX alerts_open ON alerts (resolved_at, severity, created_at)",
            "CREATE INDEX alerts_member ON alerts (member_id, created_at)",
        ]
    )

    /// CareKit-style: a plan version is never edited, only replaced; outcomes are stored against
    /// (plan version, item, occurrence date); occurrences themselves are computed, never stored.
    static let plansSessionsWalksCheckIns = Migration(
        version: 3,
        name: "plan versions, sessions, walks and check-ins",
        sql: [
            """
            CREATE TABLE plan_versions (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                effective_from TEXT NOT NULL,
                author TEXT NOT NULL,
                reason TEXT NOT NULL,
                plan TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (member_id, version)
            )
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                plan_version_id TEXT NOT NULL REFERENCES plan_versions(id),
                occurrence_date TEXT NOT NULL,
                status TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                started_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX sessions_member ON sessions (member_id, occurrence_date)",
            """
            CREATE TABLE item_outcomes (
                id TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                plan_version_id TEXT NOT NULL REFERENCES plan_versions(id),
                exercise_id TEXT NOT NULL,
                occurrence_date TEXT NOT NULL,
                pain INTEGER NOT NULL,
                difficulty TEXT NOT NULL,
                symptoms_spread BOOLEAN NOT NULL,
                recorded_at BIGINT NOT NULL,
                UNIQUE (session_id, exercise_id)
            )
            """,
            """
            CREATE TABLE walks (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                walk_date TEXT NOT NULL,
                minutes INTEGER NOT NULL,
                breaks INTEGER NOT NULL,
                pain_started_minute INTEGER,
                pain INTEGER NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                recorded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX walks_member ON walks (member_id, walk_date)",
            """
            CREATE TABLE check_ins (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                check_in_date TEXT NOT NULL,
                kind TEXT NOT NULL,
                answers TEXT NOT NULL,
                score DOUBLE PRECISION,
                recorded_at BIGINT NOT NULL,
                UNIQUE (member_id, check_in_date, kind)
            )
            """,
        ]
    )

    /// Every member has one physical therapist and one health coach.
    static let careTeamAssignment = Migration(
        version: 4,
        name: "care-team assignment",
        sql: [
            "ALTER TABLE accounts ADD COLUMN physical_therapist_id TEXT REFERENCES accounts(id)",
            "ALTER TABLE accounts ADD COLUMN health_coach_id TEXT REFERENCES accounts(id)",
            "CREATE INDEX accounts_physical_therapist ON accounts (physical_therapist_id)",
            "CREATE INDEX accounts_health_coach ON accounts (health_coach_id)",
            "CREATE INDEX alerts_member_open ON alerts (member_id, resolved_at)",
        ]
    )

    /// Messages between a member and their care team, each reader's place in the thread, staff
    /// members' saved replies, append-only clinical notes, and on a plan version the clinician's
    /// note to the member and their reason for going past the engine's limits.
    static let messagesNotesAndClinicianPlans = Migration(
        version: 5,
        name: "messages, saved replies, clinical notes, plan notes",
        sql: [
            """
            CREATE TABLE messages (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                sender_id TEXT NOT NULL REFERENCES accounts(id),
                body TEXT NOT NULL,
                sent_at BIGINT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE
            )
            """,
            "CREATE INDEX messages_thread ON messages (member_id, sent_at)",
            """
            CREATE TABLE message_reads (
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                reader_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                read_until BIGINT NOT NULL,
                PRIMARY KEY (member_id, reader_id)
            )
            """,
            """
            CREATE TABLE saved_replies (
                id TEXT PRIMARY KEY,
                staff_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX saved_replies_staff ON saved_replies (staff_id, title)",
            """
            CREATE TABLE clinical_notes (
                id TEXT PRIMARY KEY,
                member_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                author_id TEXT NOT NULL REFERENCES accounts(id),
                amends_note_id TEXT REFERENCES clinical_notes(id),
                subjective TEXT NOT NULL,
                objective TEXT NOT NULL,
                assessment TEXT NOT NULL,
                plan TEXT NOT NULL,
                written_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX clinical_notes_member ON clinical_notes (member_id, written_at)",
            "ALTER TABLE plan_versions ADD COLUMN member_note TEXT",
            // Why a clinician went past the engine's limits: for the care team's history, not the member.
            "ALTER TABLE plan_versions ADD COLUMN clinician_confirmation TEXT",
        ]
    )

    /// Sponsors' eligibility files: one record per person per organization, keyed by the
    /// sponsor's member id, with name keys (case, accents, spaces, hyphens and apostrophes
    /// removed) for the coverage check; the imports with their reports; one-time passes from a
    /// confirmed coverage check to sign-up; and the link from a member's account to their record.
    /// `eligibility_records` has no foreign key to `organizations` on purpose: a million-row import
    /// would check it a million times (7–9 s on PostgreSQL), the importer only writes for an
    /// organization it has just read, and organizations are never deleted.
    static let eligibilityRosters = Migration(version: 6, name: "eligibility rosters and coverage") { kind in
        [
            """
            CREATE TABLE eligibility_records (
                organization_id TEXT NOT NULL,
                member_id TEXT NOT NULL,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                first_key TEXT NOT NULL,
                last_key TEXT NOT NULL,
                date_of_birth TEXT NOT NULL,
                email TEXT,
                postal_code TEXT,
                relationship TEXT NOT NULL,
                coverage_start TEXT NOT NULL,
                coverage_end TEXT,
                row_hash BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, member_id)
            )\(kind == .sqlite ? " WITHOUT ROWID" : "")
            """,
            // Covering (with the coverage dates), so SQLite never prefers the primary key for the check.
            "CREATE INDEX eligibility_records_lookup ON eligibility_records (organization_id, last_key, date_of_birth, first_key, coverage_start, coverage_end)",
            """
            CREATE TABLE roster_imports (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id),
                mode TEXT NOT NULL,
                as_of TEXT NOT NULL,
                file_name TEXT NOT NULL,
                bytes BIGINT NOT NULL,
                rows_read INTEGER NOT NULL,
                added INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                unchanged INTEGER NOT NULL,
                ended INTEGER NOT NULL,
                rejected INTEGER NOT NULL,
                imported_by TEXT REFERENCES accounts(id),
                source TEXT NOT NULL,
                imported_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX roster_imports_organization ON roster_imports (organization_id, imported_at)",
            """
            CREATE TABLE roster_import_rejections (
                import_id TEXT NOT NULL REFERENCES roster_imports(id) ON DELETE CASCADE,
                line INTEGER NOT NULL,
                field TEXT NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (import_id, line)
            )
            """,
            """
            CREATE TABLE coverage_passes (
                token_hash TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations(id),
                member_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "ALTER TABLE accounts ADD COLUMN eligibility_member_id TEXT",
            "CREATE INDEX accounts_organization ON accounts (organization_id, role)",
        ]
    }

    /// A row `/readyz` rewrites to prove a write lands; the answers of retried API writes kept
    /// per account and key (so a replay returns the first answer, and another account's key is
    /// never mistaken for yours); and members whose plan still has to adapt to what they recorded.
    static let readinessAndIdempotency = Migration(
        version: 7,
        name: "readiness probe, idempotent requests, pending adaptations",
        sql: [
            "CREATE TABLE readiness_probe (id INTEGER PRIMARY KEY, checked_at BIGINT NOT NULL)",
            "INSERT INTO readiness_probe (id, checked_at) VALUES (1, 0)",
            """
            CREATE TABLE idempotent_requests (
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                idempotency_key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                claimed_by TEXT NOT NULL,
                status INTEGER,
                content_type TEXT,
                body TEXT,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (account_id, idempotency_key)
            )
            """,
            "CREATE INDEX idempotent_requests_age ON idempotent_requests (created_at)",
            """
            CREATE TABLE pending_adaptations (
                member_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
                since BIGINT NOT NULL
            )
            """,
        ]
    )

    /// The language a member reads Supple in ("en", "es"); everyone so far read English.
    static let memberLanguage = Migration(
        version: 8,
        name: "member language",
        sql: [
            "ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"
        ]
    )

    /// One counter per sign-in subject (an account, an address, or the two together), raised in
    /// a single statement before the password is checked, so concurrent attempts can't slip
    /// past a limit; it replaces the per-failure rows that were counted after the check.
    static let signInThrottle = Migration(
        version: 9,
        name: "sign-in throttle counters",
        sql: [
            "DROP TABLE sign_in_failures",
            """
            CREATE TABLE sign_in_throttle (
                subject TEXT PRIMARY KEY,
                window_started_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL
            )
            """,
        ]
    )

    /// When each account last signed in (the admin's team page shows it); a second factor per
    /// account (an RFC 6238 secret, confirmed once the person has typed a code from it, and the
    /// last time step used, so a code works once); one-time recovery codes, stored hashed; and
    /// named marks on the installation itself, such as "this database holds the demo".
    static let staffSecurity = Migration(
        version: 10,
        name: "last sign-in, second factors, recovery codes, installation marks",
        sql: [
            "ALTER TABLE accounts ADD COLUMN last_signed_in_at BIGINT",
            """
            CREATE TABLE second_factors (
                account_id TEXT PRIMARY KEY REFERENCES accounts(id),
                secret TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                confirmed_at BIGINT,
                last_used_step BIGINT
            )
            """,
            """
            CREATE TABLE recovery_codes (
                account_id TEXT NOT NULL REFERENCES accounts(id),
                code_hash TEXT NOT NULL,
                used_at BIGINT,
                PRIMARY KEY (account_id, code_hash)
            )
            """,
            """
            CREATE TABLE installation_marks (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                set_at BIGINT NOT NULL
            )
            """,
        ]
    )
}
