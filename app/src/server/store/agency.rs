//! An agency's settings: its booking rules and its closure days.

use super::{NewAudit, StoreResult};
use crate::domain::agency::BookingRules;
use crate::domain::AgencyId;
use async_trait::async_trait;
use chrono::NaiveDate;

/// A day the agency is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureRow {
    pub day: NaiveDate,
    pub label: String,
}

#[async_trait]
pub trait AgencyStore: Send + Sync {
    /// Replaces the agency's booking rules (false: no such agency).
    async fn save_booking_rules(
        &self,
        agency: AgencyId,
        rules: BookingRules,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
    /// The agency's closure days in [from, to], earliest first.
    async fn closures(
        &self,
        agency: AgencyId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<ClosureRow>>;
    /// Adds a closure day and closes the agency's free slots that day, in one
    /// transaction; returns how many slots it closed. `Conflict::ClosureExists` if the day
    /// is already closed.
    async fn add_closure(
        &self,
        agency: AgencyId,
        closure: &ClosureRow,
        day_range: (i64, i64),
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<u64>;
    /// Booked rendez-vous of the agency starting in [from, to).
    async fn agency_appointments_between(
        &self,
        agency: AgencyId,
        from: i64,
        to: i64,
    ) -> StoreResult<i64>;
    /// Removes a closure day (false: it was not there). Slots closed by it stay closed.
    async fn remove_closure(
        &self,
        agency: AgencyId,
        day: NaiveDate,
        now: i64,
        audit: Option<&NewAudit>,
    ) -> StoreResult<bool>;
}
