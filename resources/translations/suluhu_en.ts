<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AgendaListModel</name>
        <message numerus="yes">
            <location filename="../../desktop/views/home/agenda_model.py" line="+63" />
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
        <name>ImportPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/register_import/import_page.py" line="+54" />
            <source>Registering %n case(s) in one step…</source>
            <translation>
                <numerusform>Registering %n case in one step…</numerusform>
                <numerusform>Registering %n cases in one step…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+25" />
            <source>%n case(s) registered.</source>
            <translation>
                <numerusform>%n case registered.</numerusform>
                <numerusform>%n cases registered.</numerusform>
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
        <name>ReferralBoardModel</name>
        <message numerus="yes">
            <location filename="../../desktop/views/referrals/board_model.py" line="+208" />
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
            <location filename="../../desktop/views/referrals/board_page.py" line="+223" />
            <source>%n open referral(s) shown, oldest first.</source>
            <translation>
                <numerusform>%n open referral shown, oldest first.</numerusform>
                <numerusform>%n open referrals shown, oldest first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message numerus="yes">
            <location filename="../../desktop/views/settings/settings_page.py" line="+148" />
            <source>Saved: Suluhu locks after %n idle minute(s).</source>
            <translation>
                <numerusform>Saved: Suluhu locks after %n idle minute.</numerusform>
                <numerusform>Saved: Suluhu locks after %n idle minutes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+23" />
            <source>%n case(s) imported from the register.</source>
            <translation>
                <numerusform>%n case imported from the register.</numerusform>
                <numerusform>%n cases imported from the register.</numerusform>
            </translation>
        </message>
    </context>
</TS>
