<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>ActorImportDialog</name>
        <message numerus="yes">
            <location filename="../../desktop/views/actors/import_dialog.py" line="+141" />
            <source>%n actor(s) in the file:</source>
            <translation>
                <numerusform>%n actor in the file:</numerusform>
                <numerusform>%n actors in the file:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>Import %n actor(s)</source>
            <translation>
                <numerusform>Import %n actor</numerusform>
                <numerusform>Import %n actors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+17" />
            <source>%n problem(s) in the file. Correct them in the file and choose it again; nothing is imported while there are problems.</source>
            <translation>
                <numerusform>%n problem in the file. Correct them in the file and choose it again; nothing is imported while there are problems.</numerusform>
                <numerusform>%n problems in the file. Correct them in the file and choose it again; nothing is imported while there are problems.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ActorsPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/actors/actors_page.py" line="+301" />
            <source>%n actor(s) imported.</source>
            <translation>
                <numerusform>%n actor imported.</numerusform>
                <numerusform>%n actors imported.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n skipped (already in the directory).</source>
            <translation>
                <numerusform>%n skipped (already in the directory).</numerusform>
                <numerusform>%n skipped (already in the directory).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AgendaListModel</name>
        <message numerus="yes">
            <location filename="../../desktop/views/home/agenda_model.py" line="+41" />
            <source>%1 for %n day(s)</source>
            <translation>
                <numerusform>%1 for %n day</numerusform>
                <numerusform>%1 for %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+8" />
            <source>%n day(s) late, due %1</source>
            <translation>
                <numerusform>%n day late, due %1</numerusform>
                <numerusform>%n days late, due %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HubWindow</name>
        <message numerus="yes">
            <location filename="../../desktop/views/hub/hub_window.py" line="+268" />
            <source>Cancelled: %n file(s) left unread.</source>
            <translation>
                <numerusform>Cancelled: %n file left unread.</numerusform>
                <numerusform>Cancelled: %n files left unread.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/register_import/import_page.py" line="+77" />
            <source>Registering %n case(s) in one step…</source>
            <translation>
                <numerusform>Registering %n case in one step…</numerusform>
                <numerusform>Registering %n cases in one step…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+40" />
            <source>Registered %1 of %n case(s)…</source>
            <translation>
                <numerusform>Registered %1 of %n case…</numerusform>
                <numerusform>Registered %1 of %n cases…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+15" />
            <source>%n case(s) registered.</source>
            <translation>
                <numerusform>%n case registered.</numerusform>
                <numerusform>%n cases registered.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ListFilterBar</name>
        <message numerus="yes">
            <location filename="../../desktop/views/cases/list_filter_bar.py" line="+31" />
            <source>%n statuses</source>
            <translation>
                <numerusform>%n status</numerusform>
                <numerusform>%n statuses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>%n categories</source>
            <translation>
                <numerusform>%n category</numerusform>
                <numerusform>%n categories</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/register_import/preview_page.py" line="+113" />
            <source>All %n row(s) are valid. This is how the cases will be registered; they are numbered in the order they were received. Press Import to register them.</source>
            <translation>
                <numerusform>All %n row are valid. This is how the cases will be registered; they are numbered in the order they were received. Press Import to register them.</numerusform>
                <numerusform>All %n rows are valid. This is how the cases will be registered; they are numbered in the order they were received. Press Import to register them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+16" />
            <source>%n problem(s) found. Nothing will be imported: correct the file, save it and go back to choose it again.</source>
            <translation>
                <numerusform>%n problem found. Nothing will be imported: correct the file, save it and go back to choose it again.</numerusform>
                <numerusform>%n problems found. Nothing will be imported: correct the file, save it and go back to choose it again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ProceedingsCounts</name>
        <message numerus="yes">
            <location filename="../../desktop/views/cases/proceedings_labels.py" line="+28" />
            <source>%n mediator(s)</source>
            <translation>
                <numerusform>%n mediator</numerusform>
                <numerusform>%n mediators</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n party(ies) present</source>
            <translation>
                <numerusform>%n party present</numerusform>
                <numerusform>%n parties present</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReferralBoardModel</name>
        <message numerus="yes">
            <location filename="../../desktop/views/referrals/board_model.py" line="+246" />
            <source>Feedback was due %n day(s) ago.</source>
            <translation>
                <numerusform>Feedback was due %n day ago.</numerusform>
                <numerusform>Feedback was due %n days ago.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReferralBoardPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/referrals/board_page.py" line="+230" />
            <source>%n open referral(s) shown, oldest first.</source>
            <translation>
                <numerusform>%n open referral shown, oldest first.</numerusform>
                <numerusform>%n open referrals shown, oldest first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportCounts</name>
        <message numerus="yes">
            <location filename="../../desktop/views/reports/summary_words.py" line="+25" />
            <source>%n case(s) of this period are left out because a party did not agree to be counted (this number is not exported).</source>
            <translation>
                <numerusform>%n case of this period are left out because a party did not agree to be counted (this number is not exported).</numerusform>
                <numerusform>%n cases of this period are left out because a party did not agree to be counted (this number is not exported).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ScopeIndicatorsModel</name>
        <message numerus="yes">
            <location filename="../../desktop/views/hub/dashboard_scopes_model.py" line="+46" />
            <source>from %1 of %n committee(s)</source>
            <translation>
                <numerusform>from %1 of %n committee</numerusform>
                <numerusform>from %1 of %n committees</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/settings/settings_page.py" line="+188" />
            <source>Saved: Suluhu locks after %n idle minute(s).</source>
            <translation>
                <numerusform>Saved: Suluhu locks after %n idle minute.</numerusform>
                <numerusform>Saved: Suluhu locks after %n idle minutes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+53" />
            <source>%n case(s) imported from the register.</source>
            <translation>
                <numerusform>%n case imported from the register.</numerusform>
                <numerusform>%n cases imported from the register.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>box</name>
        <message numerus="yes">
            <location filename="../../desktop/views/hub/key_prompt.py" line="+30" />
            <source>&lt;p&gt;&lt;b&gt;%1 signed %n file(s) with a different key.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;New key:&lt;/p&gt;%3&lt;p&gt;Key trusted until now:&lt;/p&gt;%4&lt;p&gt;This happens when a committee reinstalled its laptop without its backup, but it is also what a forged file looks like. Accept the new key only if the committee reads out exactly this fingerprint to you.&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 signed %n file with a different key.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;New key:&lt;/p&gt;%3&lt;p&gt;Key trusted until now:&lt;/p&gt;%4&lt;p&gt;This happens when a committee reinstalled its laptop without its backup, but it is also what a forged file looks like. Accept the new key only if the committee reads out exactly this fingerprint to you.&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 signed %n files with a different key.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;New key:&lt;/p&gt;%3&lt;p&gt;Key trusted until now:&lt;/p&gt;%4&lt;p&gt;This happens when a committee reinstalled its laptop without its backup, but it is also what a forged file looks like. Accept the new key only if the committee reads out exactly this fingerprint to you.&lt;/p&gt;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+13" />
            <source>&lt;p&gt;&lt;b&gt;%1 is not yet known to this hub&lt;/b&gt; (%n file(s)).&lt;/p&gt;&lt;p&gt;Its key fingerprint:&lt;/p&gt;%3&lt;p&gt;Ask the committee to read out the fingerprint shown in Suluhu's Settings or on its recovery sheet. Confirm only if every group matches.&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 is not yet known to this hub&lt;/b&gt; (%n file).&lt;/p&gt;&lt;p&gt;Its key fingerprint:&lt;/p&gt;%3&lt;p&gt;Ask the committee to read out the fingerprint shown in Suluhu's Settings or on its recovery sheet. Confirm only if every group matches.&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;%1 is not yet known to this hub&lt;/b&gt; (%n files).&lt;/p&gt;&lt;p&gt;Its key fingerprint:&lt;/p&gt;%3&lt;p&gt;Ask the committee to read out the fingerprint shown in Suluhu's Settings or on its recovery sheet. Confirm only if every group matches.&lt;/p&gt;</numerusform>
            </translation>
        </message>
    </context>
</TS>
