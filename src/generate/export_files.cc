#include "export_files.h"

#include <array>
#include <string_view>

namespace rearview::generate {
namespace {

// The header lines, exactly as written; the row writers follow this column order.
constexpr std::string_view kUserHeader =
    "Id,Username,FirstName,LastName,Name,Email,Title,ManagerId,IsActive,UserRoleId,"
    "TimeZoneSidKey,CreatedDate";
constexpr std::string_view kAccountHeader =
    "Id,IsDeleted,Name,Type,Industry,Website,OwnerId,BillingCountry,"
    "NumberOfEmployees,AnnualRevenue,CreatedDate";
constexpr std::string_view kContactHeader =
    "Id,IsDeleted,AccountId,FirstName,LastName,Name,Email,Title,Department,Phone,"
    "CreatedDate";
constexpr std::string_view kOpportunityHeader =
    "Id,IsDeleted,AccountId,Name,StageName,Amount,CurrencyIsoCode,Probability,"
    "CloseDate,Type,LeadSource,IsClosed,IsWon,ForecastCategoryName,OwnerId,"
    "CreatedDate,LastModifiedDate,LastStageChangeDate,Loss_Reason__c,Win_Reason__c,"
    "Competitor__c,NextStep";
constexpr std::string_view kHistoryHeader =
    "Id,OpportunityId,CreatedById,CreatedDate,StageName,Amount,ExpectedRevenue,"
    "CloseDate,Probability,ForecastCategory,IsDeleted";
constexpr std::string_view kFieldHistoryHeader =
    "Id,OpportunityId,CreatedById,CreatedDate,Field,DataType,OldValue,NewValue,"
    "IsDeleted";
constexpr std::string_view kContactRoleHeader =
    "Id,OpportunityId,ContactId,Role,IsPrimary,IsDeleted,CreatedDate";
constexpr std::string_view kTaskHeader =
    "Id,IsDeleted,WhoId,WhatId,AccountId,OwnerId,Subject,Description,ActivityDate,"
    "CompletedDateTime,Status,Priority,Type,TaskSubtype,CallType,"
    "CallDurationInSeconds,CreatedDate";
constexpr std::string_view kEventHeader =
    "Id,IsDeleted,WhoId,WhatId,AccountId,OwnerId,Subject,Description,Location,"
    "StartDateTime,EndDateTime,DurationInMinutes,ActivityDateTime,IsAllDayEvent,"
    "Type,CreatedDate";
constexpr std::string_view kEmailHeader =
    "Id,IsDeleted,RelatedToId,ParentId,ActivityId,Subject,TextBody,HtmlBody,"
    "FromName,FromAddress,ToAddress,CcAddress,BccAddress,Incoming,MessageDate,"
    "Status,ThreadIdentifier,MessageIdentifier,CreatedDate,CreatedById";

struct FileSpec {
  CsvFile ExportFiles::*member;
  std::string_view name;
  std::string_view header;
};

constexpr std::array<FileSpec, 10> kFiles{{
    {&ExportFiles::users, "User.csv", kUserHeader},
    {&ExportFiles::accounts, "Account.csv", kAccountHeader},
    {&ExportFiles::contacts, "Contact.csv", kContactHeader},
    {&ExportFiles::opportunities, "Opportunity.csv", kOpportunityHeader},
    {&ExportFiles::history, "OpportunityHistory.csv", kHistoryHeader},
    {&ExportFiles::field_history, "OpportunityFieldHistory.csv", kFieldHistoryHeader},
    {&ExportFiles::contact_roles, "OpportunityContactRole.csv", kContactRoleHeader},
    {&ExportFiles::tasks, "Task.csv", kTaskHeader},
    {&ExportFiles::events, "Event.csv", kEventHeader},
    {&ExportFiles::emails, "EmailMessage.csv", kEmailHeader},
}};

}  // namespace

Result<ExportFiles> open_export_files(const std::filesystem::path& directory) {
  ExportFiles files;
  for (const FileSpec& spec : kFiles) {
    auto file = CsvFile::create(directory / spec.name, spec.header);
    if (!file) return std::unexpected(std::move(file.error()));
    files.*spec.member = std::move(*file);
  }
  return files;
}

Result<void> ExportFiles::close_all() {
  Result<void> result;
  for (const FileSpec& spec : kFiles) {
    auto closed = (this->*spec.member).close();
    if (!closed && result) result = std::move(closed);
  }
  return result;
}

long long ExportFiles::bytes() const {
  long long total = 0;
  for (const FileSpec& spec : kFiles) total += (this->*spec.member).bytes();
  return total;
}

}  // namespace rearview::generate
