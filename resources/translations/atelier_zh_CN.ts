<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../app/autosave.py" line="85"/>
        <source>Restore design</source>
        <translation>恢复设计</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="86"/>
        <source>The studio did not close properly last time. Restore the design that was open?</source>
        <translation>工作室上次未正常关闭。是否恢复当时打开的设计？</translation>
    </message>
</context>
<context>
    <name>CatalogEditor</name>
    <message>
        <location filename="../../app/catalog_editor.py" line="178"/>
        <source>Catalog editor</source>
        <translation>目录编辑器</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="179"/>
        <source>Catalog models</source>
        <translation>目录型号</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="180"/>
        <source>TOML source</source>
        <translation>TOML 源文件</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="181"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="182"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="183"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="185"/>
        <source>Go back to the published file; Undo in the source brings it back</source>
        <translation>恢复为已发布的文件；在源文件中撤销可找回修改</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="187"/>
        <source>&amp;Try</source>
        <translation>试用(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="189"/>
        <source>Open this model in a preview without saving</source>
        <translation>在预览中打开此型号，不保存</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="191"/>
        <source>P&amp;ublish</source>
        <translation>发布(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="193"/>
        <source>Write the file into the catalog once it has no errors</source>
        <translation>没有错误时将文件写入目录</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="226"/>
        <location filename="../../app/catalog_editor.py" line="507"/>
        <source>Unpublished changes</source>
        <translation>未发布的修改</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="248"/>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="272"/>
        <source>The form cannot change {key}: {reason}. Edit the source.</source>
        <translation>表单无法修改 {key}：{reason}。请编辑源文件。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="289"/>
        <source>The form needs valid TOML: fix the lines listed in the source.</source>
        <translation>表单需要有效的 TOML：请修正源文件中列出的行。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="315"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="377"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="380"/>
        <source>Errors: {count}. Fix them before publishing.</source>
        <translation>错误：{count} 个。发布前请先修正。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="384"/>
        <source>No errors: ready to publish.</source>
        <translation>没有错误：可以发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="386"/>
        <source>No errors. The published file is unchanged.</source>
        <translation>没有错误。已发布的文件未改动。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="390"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="390"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="394"/>
        <source>{severity}, line {line}: {message}</source>
        <translation>{severity}，第 {line} 行：{message}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="433"/>
        <source>Cannot try: fix the errors listed first.</source>
        <translation>无法试用：请先修正列出的错误。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="459"/>
        <source>Not published: fix the errors listed, then publish again.</source>
        <translation>未发布：请修正列出的错误后重新发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="466"/>
        <source>Not published: {file} could not be written ({reason}). Your edits are kept; check that the folder is writable and publish again.</source>
        <translation>未发布：无法写入 {file}（{reason}）。您的修改已保留；请检查文件夹是否可写，然后重新发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="475"/>
        <source>Published {file}.</source>
        <translation>已发布 {file}。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="508"/>
        <source>Discard the unpublished changes to {files}?</source>
        <translation>放弃对 {files} 的未发布修改吗？</translation>
    </message>
</context>
<context>
    <name>CatalogForm</name>
    <message>
        <location filename="../../app/catalog_form.py" line="293"/>
        <source>The form needs valid TOML: fix the lines listed in the source.</source>
        <translation>表单需要有效的 TOML：请修正源文件中列出的行。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="339"/>
        <source>from the size table {name}</source>
        <translation>来自尺码表 {name}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="364"/>
        <location filename="../../app/catalog_form.py" line="440"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="364"/>
        <location filename="../../app/catalog_form.py" line="440"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="383"/>
        <source>A combination table: edit its rows in the source</source>
        <translation>组合表：请在源文件中编辑其各行</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="406"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="407"/>
        <source>Name (&amp;English)</source>
        <translation>名称（英文）(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="408"/>
        <source>Name (&amp;Chinese)</source>
        <translation>名称（中文）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="409"/>
        <source>Name in English</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="410"/>
        <source>Name in Chinese</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="411"/>
        <location filename="../../app/catalog_form.py" line="412"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="413"/>
        <location filename="../../app/catalog_form.py" line="417"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="416"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="418"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="419"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="420"/>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="421"/>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="422"/>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="423"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="426"/>
        <source>Add &amp;parameter</source>
        <translation>添加参数(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="427"/>
        <source>Remove p&amp;arameter</source>
        <translation>删除参数(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="428"/>
        <location filename="../../app/catalog_form.py" line="429"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="431"/>
        <source>&amp;Id</source>
        <translation>标识(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="431"/>
        <source>Rule id</source>
        <translation>规则标识</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="432"/>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="432"/>
        <source>Rule severity</source>
        <translation>规则严重程度</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="433"/>
        <source>E&amp;xpression</source>
        <translation>表达式(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="433"/>
        <source>Rule expression</source>
        <translation>规则表达式</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="434"/>
        <source>Message (E&amp;nglish)</source>
        <translation>提示（英文）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="434"/>
        <source>Rule message in English</source>
        <translation>英文规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="435"/>
        <source>Message (C&amp;hinese)</source>
        <translation>提示（中文）(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="435"/>
        <source>Rule message in Chinese</source>
        <translation>中文规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="444"/>
        <source>Add &amp;rule</source>
        <translation>添加规则(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="445"/>
        <source>Re&amp;move rule</source>
        <translation>删除规则(&amp;M)</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../app/compare_view.py" line="405"/>
        <source>Compare designs</source>
        <translation>比较设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="406"/>
        <source>Link views</source>
        <translation>联动视图</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="407"/>
        <source>Turn both previews together</source>
        <translation>两个预览一起旋转</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="408"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CustomerFinder</name>
    <message>
        <location filename="../../app/customer_finder.py" line="135"/>
        <source>Find or register customer</source>
        <translation>查找或登记客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="136"/>
        <source>Name, email or phone</source>
        <translation>姓名、电子邮件或电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="137"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="138"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="141"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="142"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="143"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="144"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="145"/>
        <source>Consents</source>
        <translation>同意事项</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="148"/>
        <source>Customers found</source>
        <translation>找到的客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="149"/>
        <source>&amp;Choose customer</source>
        <translation>选择客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="151"/>
        <source>Register a new customer</source>
        <translation>登记新客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="152"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="152"/>
        <source>&amp;Email:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="152"/>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="155"/>
        <source>Name of the new customer</source>
        <translation>新客户的姓名</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="156"/>
        <source>Email of the new customer</source>
        <translation>新客户的电子邮件</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="157"/>
        <source>Phone of the new customer</source>
        <translation>新客户的电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="161"/>
        <source>Consents to &amp;profiling: the studio keeps their history and suggests products from it</source>
        <translation>同意画像分析(&amp;P)：工作室保存其记录并据此推荐产品</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="166"/>
        <source>Consents to &amp;marketing: the store may send them offers</source>
        <translation>同意营销联系(&amp;M)：门店可向其发送优惠信息</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="168"/>
        <source>&amp;Register and choose</source>
        <translation>登记并选择(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="169"/>
        <source>Customer search message</source>
        <translation>客户搜索提示</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="182"/>
        <source>Type part of a name, email or phone number.</source>
        <translation>请输入姓名、电子邮件或电话号码的一部分。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="193"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="193"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="195"/>
        <source>profiling %1, marketing %2</source>
        <translation>画像分析：%1，营销联系：%2</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="212"/>
        <source>Customers found for “%1”: %2.</source>
        <translation>“%1”的搜索结果：%2 位客户。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="249"/>
        <source>Enter the customer&apos;s name; email and phone are optional.</source>
        <translation>请输入客户姓名；电子邮件和电话可不填。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="255"/>
        <source>Invalid email address “%1”: expected name@domain.tld; correct it or leave it empty.</source>
        <translation>电子邮件地址“%1”无效：格式应为 name@domain.tld；请更正或留空。</translation>
    </message>
</context>
<context>
    <name>DesignColumn</name>
    <message>
        <location filename="../../app/compare_view.py" line="151"/>
        <source>Design on screen</source>
        <translation>当前设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="153"/>
        <source>Compare the design now open in the studio window</source>
        <translation>比较工作室窗口中当前打开的设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="155"/>
        <source>Design file…</source>
        <translation>设计文件…</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="156"/>
        <source>Kiosk code</source>
        <translation>自助终端代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="157"/>
        <source>Kiosk design code</source>
        <translation>自助终端设计代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="158"/>
        <source>Open code</source>
        <translation>打开代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="159"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="159"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="160"/>
        <source>Parameter values</source>
        <translation>参数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="161"/>
        <source>3D preview</source>
        <translation>3D 预览</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="162"/>
        <source>Use this design</source>
        <translation>使用此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="163"/>
        <source>Open this design in the studio window</source>
        <translation>在工作室窗口中打开此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="165"/>
        <source>No design chosen</source>
        <translation>未选择设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="174"/>
        <source>The studio window has no design open.</source>
        <translation>工作室窗口中没有打开的设计。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="193"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="219"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="219"/>
        <source>Designs (*.json)</source>
        <translation>设计文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="251"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="278"/>
        <source>Differs from the other design</source>
        <translation>与另一个设计不同</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="307"/>
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <location filename="../../app/export_progress.py" line="49"/>
        <source>Exporting production package</source>
        <translation>正在导出生产包</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="52"/>
        <source>Starting the export…</source>
        <translation>正在开始导出…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="53"/>
        <source>Rendering the front, side and 3D views…</source>
        <translation>正在渲染正视图、侧视图和三维视图…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="54"/>
        <source>Writing the specification (spec.json)…</source>
        <translation>正在写入规格文件 (spec.json)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="55"/>
        <source>Laying out the spec sheet (spec.pdf)…</source>
        <translation>正在排版规格单 (spec.pdf)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="56"/>
        <source>Writing the meshes (STL, glTF, 3MF)…</source>
        <translation>正在写入网格 (STL、glTF、3MF)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="57"/>
        <source>Drawing the cut lists and DXF files…</source>
        <translation>正在生成下料单和 DXF 文件…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="58"/>
        <source>Writing the package folder…</source>
        <translation>正在写入生产包文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="59"/>
        <source>Zipping the package…</source>
        <translation>正在压缩生产包…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="60"/>
        <source>Moving the package into place…</source>
        <translation>正在将生产包移到目标位置…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="61"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/sign_in.py" line="279"/>
        <source>Create the administrator account</source>
        <translation>创建管理员账户</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="282"/>
        <source>This database has no staff accounts yet. Create the administrator account; the administrator then adds the designer and sales accounts.</source>
        <translation>此数据库还没有员工账户。请创建管理员账户，再由管理员添加设计师和销售账户。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="289"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="290"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="291"/>
        <source>&amp;Repeat password:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="295"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="296"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="297"/>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="298"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="299"/>
        <source>&amp;Create and sign in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/kiosk.py" line="395"/>
        <source>Design your own</source>
        <translation>设计您的专属作品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="397"/>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="398"/>
        <source>Popular in our store</source>
        <translation>本店热门</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="399"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="402"/>
        <source>◀ Products</source>
        <translation>◀ 产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="403"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="404"/>
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="405"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="407"/>
        <source>Your design is saved. Show this code to our staff.</source>
        <translation>您的设计已保存。请向店员出示此代码。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="409"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="410"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="411"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="412"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="413"/>
        <source>Clear PIN</source>
        <translation>清除密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="414"/>
        <source>Delete last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="489"/>
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="507"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="564"/>
        <source>Fix the problems listed before saving the design.</source>
        <translation>请先修正所列问题再保存设计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/kiosk.py" line="611"/>
        <source>Are you still there? Starting over in %n second(s).</source>
        <translation>
            <numerusform>您还在吗？%n 秒后将重新开始。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="667"/>
        <source>No staff PIN is set, so kiosk mode cannot be left here. Staff: run &apos;main.py set-kiosk-pin&apos; on this computer first.</source>
        <translation>尚未设置店员密码，无法在此退出自助模式。店员：请先在本机运行 &apos;main.py set-kiosk-pin&apos;。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="672"/>
        <source>Staff PIN</source>
        <translation>店员密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="700"/>
        <source>Too many wrong PINs. Try again after {0}.</source>
        <translation>PIN 码错误次数过多，请在 {0} 之后再试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="711"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="163"/>
        <source>Decrease %s</source>
        <translation>减小%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="166"/>
        <source>Increase %s</source>
        <translation>增大%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="201"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="203"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="257"/>
        <source>Type %s</source>
        <translation>输入%s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/kiosk_staff.py" line="26"/>
        <source>Open kiosk design</source>
        <translation>打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="27"/>
        <source>Code on the customer&apos;s receipt:</source>
        <translation>顾客凭条上的代码：</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="42"/>
        <location filename="../../app/kiosk_staff.py" line="52"/>
        <source>Cannot open kiosk design</source>
        <translation>无法打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="43"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="284"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="285"/>
        <source>&amp;Open design…</source>
        <translation>打开设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="286"/>
        <source>&amp;Save design…</source>
        <translation>保存设计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="287"/>
        <source>&amp;Export production package…</source>
        <translation>导出生产包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="288"/>
        <source>Open &amp;kiosk design…</source>
        <translation>打开自助机设计(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="289"/>
        <source>&amp;Catalog editor…</source>
        <translation>目录编辑器(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="290"/>
        <source>&amp;Compare designs…</source>
        <translation>比较设计(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="291"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="292"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="293"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="294"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="295"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="296"/>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="297"/>
        <source>Customer &amp;profile…</source>
        <translation>客户档案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="298"/>
        <source>&amp;Segments…</source>
        <translation>客户分组(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="299"/>
        <source>&amp;Order</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="300"/>
        <source>&amp;Place order…</source>
        <translation>下单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="301"/>
        <source>Production &amp;monitor…</source>
        <translation>生产监控(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="302"/>
        <source>Customer profile…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="303"/>
        <source>Suggestions</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="306"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="308"/>
        <source>Front</source>
        <translation>正视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="309"/>
        <source>Side</source>
        <translation>侧视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="310"/>
        <source>Top</source>
        <translation>俯视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="311"/>
        <source>3D</source>
        <translation>立体</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="315"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="316"/>
        <source>Show width, depth and height in mm</source>
        <translation>显示宽、深、高（毫米）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="318"/>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="318"/>
        <source>Depth</source>
        <translation>深</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="318"/>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="433"/>
        <source>Also changed to keep the design valid: </source>
        <translation>为保持设计有效，已同时调整：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="460"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="465"/>
        <source>Materials and tax are added on the quote.</source>
        <translation>报价单另加材料费和税。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="475"/>
        <source>Fix the errors listed before exporting</source>
        <translation>请先修正所列错误再导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="483"/>
        <source>Fix the errors listed before ordering</source>
        <translation>请先修正所列错误再下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="502"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="504"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="512"/>
        <source>Ready to order.</source>
        <translation>可以下单。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="568"/>
        <source>The preview could not be built: </source>
        <translation>无法生成预览：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="576"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="587"/>
        <source>Cannot open design</source>
        <translation>无法打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="602"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="614"/>
        <source>Cannot save design</source>
        <translation>无法保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="618"/>
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="632"/>
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="692"/>
        <source>Exported to </source>
        <translation>已导出到 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="674"/>
        <location filename="../../app/main_window.py" line="700"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="656"/>
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="658"/>
        <source>An export to {0} is running; wait for it or cancel it.</source>
        <translation>正在导出到 {0}；请等待完成或取消。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="689"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="724"/>
        <source>Cannot place order</source>
        <translation>无法下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="741"/>
        <source>Order placed: </source>
        <translation>已下单：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="840"/>
        <source>Bought by 1 customer with similar tastes</source>
        <translation>1 位品味相近的顾客购买过</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="841"/>
        <source>Bought by {0} customers with similar tastes</source>
        <translation>{0} 位品味相近的顾客购买过</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="846"/>
        <source>Similar to {0} you bought</source>
        <translation>与您购买过的{0}相似</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="850"/>
        <source>Popular in your segment</source>
        <translation>在您所属客群中受欢迎</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="852"/>
        <source>Popular with all customers</source>
        <translation>深受所有顾客欢迎</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="857"/>
        <source>Suggestions are unavailable: </source>
        <translation>暂无推荐：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="873"/>
        <source>Cannot open profile</source>
        <translation>无法打开客户档案</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="995"/>
        <source>No customer chosen: pick one in the customer box, or use Customers &gt; Find or register customer.</source>
        <translation>尚未选择客户：请在客户框中选择，或使用“客户 &gt; 查找或登记客户”。</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="68"/>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="69"/>
        <source>Your role, %1, does not include this screen; ask an administrator if you need it.</source>
        <translation>您的角色（%1）不包含此界面；如需使用，请联系管理员。</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../app/keyboard.py" line="170"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="173"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="177"/>
        <source>Switch input</source>
        <translation>切换输入法</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="180"/>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
</context>
<context>
    <name>OptionHintsBox</name>
    <message>
        <location filename="../../app/option_hints.py" line="89"/>
        <source>Customers like this one chose</source>
        <translation>与此顾客相似的顾客选择了</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="90"/>
        <source>Why these values</source>
        <translation>推荐依据</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="91"/>
        <source>Option suggestions status</source>
        <translation>选项推荐状态</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="158"/>
        <source>No orders of this model to learn from yet.</source>
        <translation>此款式尚无可参考的订单。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="160"/>
        <source>Every option has been chosen.</source>
        <translation>所有选项均已选定。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="170"/>
        <source>Option suggestions are unavailable right now.</source>
        <translation>选项推荐暂时不可用。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="186"/>
        <source>(current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="192"/>
        <source>Apply {label}: {value}</source>
        <translation>应用{label}：{value}</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="194"/>
        <source>Apply this value. Undo takes it back.</source>
        <translation>应用此值。撤销可恢复原值。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="214"/>
        <source>In the segment “{segment}”</source>
        <translation>“{segment}”客群</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="217"/>
        <source>Popular with all customers, as this customer has no segment yet</source>
        <translation>所有顾客的热门选择（此顾客尚未归入客群）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="221"/>
        <source>Popular with all customers, as the segment “{segment}” has too few orders of this model</source>
        <translation>所有顾客的热门选择（“{segment}”客群此款式的订单太少）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="225"/>
        <source>Popular with all customers</source>
        <translation>所有顾客的热门选择</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="227"/>
        <source>1 order</source>
        <translation>1 个订单</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="229"/>
        <source>{count} orders</source>
        <translation>{count} 个订单</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="230"/>
        <source>{reason} ({orders})</source>
        <translation>{reason}（{orders}）</translation>
    </message>
</context>
<context>
    <name>PackageExportJob</name>
    <message>
        <location filename="../../app/export_job.py" line="117"/>
        <source>{0} is an existing file; choose a folder for the package.</source>
        <translation>{0} 是一个已有文件；请为生产包选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="195"/>
        <source>The export process stopped (exit code {0}) while moving the package into {1}; check that folder and export again.</source>
        <translation>导出进程在将生产包移入 {1} 时停止（退出码 {0}）；请检查该文件夹并重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="200"/>
        <source>The export stopped before the package was moved into place; nothing was written. Export again.</source>
        <translation>导出在生产包移到目标位置之前停止，未写入任何文件。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="204"/>
        <source>The export process stopped unexpectedly (exit code {0}); nothing was written. Export again.</source>
        <translation>导出进程意外停止（退出码 {0}），未写入任何文件。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="219"/>
        <source>The export process could not start ({0}); check that {1} runs.</source>
        <translation>导出进程无法启动（{0}）；请检查 {1} 能否运行。</translation>
    </message>
</context>
<context>
    <name>PlaceOrderDialog</name>
    <message>
        <location filename="../../app/order_dialog.py" line="118"/>
        <source>Price lines</source>
        <translation>价格明细</translation>
    </message>
</context>
<context>
    <name>ProductionMonitor</name>
    <message>
        <location filename="../../app/monitor.py" line="139"/>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="143"/>
        <source>Order state</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="169"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="206"/>
        <source>Order history</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="246"/>
        <source>Next state</source>
        <translation>下一状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="250"/>
        <source>Quality check result</source>
        <translation>质检结果</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="256"/>
        <source>Note on the state change</source>
        <translation>状态变更备注</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="271"/>
        <source>Payment kind</source>
        <translation>付款类型</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="276"/>
        <source>Payment amount</source>
        <translation>付款金额</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="280"/>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="297"/>
        <source>Promised date</source>
        <translation>交货日期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="302"/>
        <source>Reason for the new date</source>
        <translation>变更日期的原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="323"/>
        <source>Quarantined records</source>
        <translation>待审核记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="331"/>
        <source>Reason for dismissing</source>
        <translation>忽略原因</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../app/profile_view.py" line="153"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="174"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="190"/>
        <source>Event history</source>
        <translation>事件记录</translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <location filename="../../app/segments_view.py" line="111"/>
        <source>Segments</source>
        <translation>客户分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="116"/>
        <source>Segment members</source>
        <translation>分组成员</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/sign_in.py" line="160"/>
        <source>Sign in to Atelier</source>
        <translation>登录 Atelier</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="161"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="162"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="163"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="164"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="165"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="166"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="167"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="182"/>
        <source>Enter your username, then your password.</source>
        <translation>请先输入用户名，再输入密码。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="201"/>
        <source>The account “%1” is locked after %2 failed sign-ins in a row. Try again after %3, or ask an administrator to unlock it.</source>
        <translation>账户“%1”因连续 %2 次登录失败已被锁定。请在 %3 之后重试，或请管理员解锁。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="211"/>
        <source>Wrong username or password for “%1”. Check both and try again: %2 failures in a row lock the account for %3 minutes.</source>
        <translation>“%1”的用户名或密码错误。请检查后重试：连续失败 %2 次将锁定账户 %3 分钟。</translation>
    </message>
</context>
<context>
    <name>StaffAdminPanel</name>
    <message>
        <location filename="../../app/staff_admin.py" line="165"/>
        <location filename="../../app/staff_admin.py" line="169"/>
        <source>Staff accounts</source>
        <translation>员工账户</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="167"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="167"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="167"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="167"/>
        <source>Created</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="170"/>
        <source>&amp;Unlock selected account</source>
        <translation>解锁所选账户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="172"/>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="174"/>
        <source>Username:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="175"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="176"/>
        <location filename="../../app/staff_admin.py" line="192"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="177"/>
        <location filename="../../app/staff_admin.py" line="193"/>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="183"/>
        <source>New username</source>
        <translation>新用户名</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="184"/>
        <source>Role of the new account</source>
        <translation>新账户的角色</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="185"/>
        <source>Password of the new account</source>
        <translation>新账户的密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="187"/>
        <source>Repeat the new account&apos;s password</source>
        <translation>再次输入新账户的密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="189"/>
        <source>&amp;Add account</source>
        <translation>添加账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="191"/>
        <source>New password for the selected account</source>
        <translation>为所选账户设置新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="194"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="195"/>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="196"/>
        <source>&amp;Reset password</source>
        <translation>重置密码(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="198"/>
        <location filename="../../app/staff_admin.py" line="201"/>
        <source>Kiosk PIN</source>
        <translation>自助终端 PIN 码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="199"/>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="200"/>
        <source>Repeat PIN:</source>
        <translation>再次输入 PIN 码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="202"/>
        <source>Repeat the kiosk PIN</source>
        <translation>再次输入自助终端 PIN 码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="204"/>
        <source>At least %1 digits; staff type it to leave kiosk mode.</source>
        <translation>至少 %1 位数字；员工输入它以退出自助模式。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="208"/>
        <source>Set &amp;kiosk PIN</source>
        <translation>设置自助终端 PIN 码(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="209"/>
        <source>Staff accounts message</source>
        <translation>员工账户提示</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="238"/>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="242"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="292"/>
        <source>Added %1 with the role %2.</source>
        <translation>已添加 %1，角色为%2。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="307"/>
        <source>Unlocked %1.</source>
        <translation>已解锁 %1。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="326"/>
        <source>New password set for %1; their open sessions ended.</source>
        <translation>已为 %1 设置新密码；其已登录的会话均已结束。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="337"/>
        <source>The kiosk PIN needs at least %1 digits and nothing else; type another PIN.</source>
        <translation>自助终端 PIN 码须至少 %1 位且只含数字；请重新输入。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="343"/>
        <source>The two PINs differ: type the same PIN in both boxes.</source>
        <translation>两次输入的 PIN 码不一致：请在两个框中输入相同的 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="350"/>
        <source>Kiosk PIN set.</source>
        <translation>自助终端 PIN 码已设置。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="355"/>
        <source>Select an account in the list first.</source>
        <translation>请先在列表中选择一个账户。</translation>
    </message>
</context>
<context>
    <name>StaffForms</name>
    <message>
        <location filename="../../app/sign_in.py" line="41"/>
        <source>Usernames have 2 to 64 lower-case letters, digits, dots, dashes or underscores, and start with a letter or digit. Passwords have at least %1 characters.</source>
        <translation>用户名由 2 至 64 个小写字母、数字、点、连字符或下划线组成，并以字母或数字开头。密码至少 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="58"/>
        <source>Invalid username “%1”: use 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>用户名“%1”无效：请使用 2 至 64 个小写字母、数字、点、连字符或下划线，并以字母或数字开头。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="65"/>
        <source>The password has %1 characters: use at least %2.</source>
        <translation>密码只有 %1 个字符：至少需要 %2 个。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="73"/>
        <source>The two passwords differ: type the same password in both boxes.</source>
        <translation>两次输入的密码不一致：请在两个框中输入相同的密码。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="84"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="85"/>
        <source>designer</source>
        <translation>设计师</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="86"/>
        <source>sales</source>
        <translation>销售</translation>
    </message>
</context>
<context>
    <name>StaffGate</name>
    <message>
        <location filename="../../app/staff_gate.py" line="165"/>
        <source>S&amp;taff</source>
        <translation>员工(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="166"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="167"/>
        <source>&amp;Find or register customer…</source>
        <translation>查找或登记客户(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="168"/>
        <source>Find or register customer…</source>
        <translation>查找或登记客户…</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="169"/>
        <source>Find or register customer</source>
        <translation>查找或登记客户</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="175"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="177"/>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="253"/>
        <source>Your session ended at %1. Sign in again to go on; the open design is kept.</source>
        <translation>您的会话已于 %1 结束。请重新登录以继续；当前打开的设计会保留。</translation>
    </message>
</context>
<context>
    <name>TryWindow</name>
    <message>
        <location filename="../../app/catalog_try.py" line="98"/>
        <source>Try {name} (not published)</source>
        <translation>试用 {name}（未发布）</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="99"/>
        <source>Rule messages</source>
        <translation>规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="100"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="142"/>
        <source>No rule is broken.</source>
        <translation>没有违反任何规则。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="157"/>
        <source>The preview could not be built: {reason}</source>
        <translation>无法生成预览：{reason}</translation>
    </message>
</context>
</TS>
